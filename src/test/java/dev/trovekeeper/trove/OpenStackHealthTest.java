package dev.trovekeeper.trove;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.trovekeeper.demo.DemoSeed;
import dev.trovekeeper.demo.Fault;
import dev.trovekeeper.testing.Management;
import dev.trovekeeper.testing.TestInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Trove's reachability is its own health group ({@code /q/health/group/openstack}) and gauge
 * ({@code trove_keeper_openstack_up}), not readiness: when Trove hangs or fails, the replica stays
 * ready, so the tenant API stays in the load balancer.
 */
@QuarkusTest
class OpenStackHealthTest {

  private static final Pattern GAUGE =
      Pattern.compile("^trove_keeper_openstack_up(?:\\{[^}]*})? (\\S+)$", Pattern.MULTILINE);

  @AfterEach
  void clearFaults() {
    TestInfrastructure.region().faults().clear();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> openstack().getString("status"), "UP"::equals);
  }

  @Test
  void troveHangingLeavesReadinessUpAndTurnsTheOpenstackGroupAndGaugeDown() {
    await().atMost(Duration.ofSeconds(30)).until(() -> gauge() == 1.0);
    injectForServiceProject(Fault.hang(Duration.ofSeconds(5)));

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(openstack().getString("status")).isEqualTo("DOWN");
              assertThat(gauge()).isZero();
            });
    assertReadyWithoutOpenstack();
    assertThat(openstack().getString("checks[0].data.fault")).isEqualTo("TRANSIENT");

    TestInfrastructure.region().faults().clear();
    await().atMost(Duration.ofSeconds(30)).until(() -> gauge() == 1.0);
  }

  @Test
  void troveFailingTurnsTheGroupDownWithTheFault() {
    injectForServiceProject(Fault.unavailable());

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              JsonPath group = openstack();
              assertThat(group.getString("status")).isEqualTo("DOWN");
              assertThat(group.getString("checks[0].data.error")).contains("503");
            });
    assertThat(gauge()).isZero();
    assertReadyWithoutOpenstack();
  }

  private static void injectForServiceProject(Fault fault) {
    TestInfrastructure.region()
        .faults()
        .failNext(100_000, "GET", "/limits", DemoSeed.SERVICE_PROJECT_ID, fault);
  }

  private static void assertReadyWithoutOpenstack() {
    JsonPath ready =
        given().get(Management.url("/q/health/ready")).then().statusCode(200).extract().jsonPath();
    assertThat(ready.getString("status")).isEqualTo("UP");
    List<String> checks = ready.getList("checks.name");
    assertThat(checks).doesNotContain("openstack", "object-store");
  }

  private static JsonPath openstack() {
    return given().get(Management.url("/q/health/group/openstack")).then().extract().jsonPath();
  }

  private static double gauge() {
    String scrape = given().get(Management.url("/q/metrics")).then().extract().asString();
    Matcher m = GAUGE.matcher(scrape);
    return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
  }
}
