package dev.trovekeeper.protection;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trovekeeper.demo.DemoSeed;
import dev.trovekeeper.events.MetricsJob;
import dev.trovekeeper.testing.KeystoneTokens;
import dev.trovekeeper.testing.Tenant;
import dev.trovekeeper.testing.TestInfrastructure;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The instance API, the coverage report and the metrics read one definition of protection: the same
 * instance reads the same state in all three, paused included.
 */
@QuarkusTest
class ProtectionAgreementTest {

  private static final String DAILY =
      """
      {"name": "daily", "scheduleKind": "CRON", "cronExpression": "0 0 3 * * ?",
       "keepLast": 3}
      """;

  @Inject MetricsJob metrics;
  @Inject MeterRegistry registry;

  private final String ops =
      KeystoneTokens.issue(DemoSeed.OPS, DemoSeed.OPS_PASSWORD, DemoSeed.SERVICE_PROJECT_ID);

  @Test
  void pausingTheProjectOrTheFleetReadsPausedEverywhere() {
    Tenant tenant = Tenant.create("agree", 1);
    tenant.asMember().contentType("application/json").body(DAILY).put("/v1/project/policy");
    assertEverywhere(tenant, "PENDING_FIRST_BACKUP");
    assertThat(instance(tenant).getString("nextBackupAt")).isNotNull();

    admin().post("/v1/admin/projects/" + tenant.projectId + "/pause").then().statusCode(200);
    assertEverywhere(tenant, "PAUSED");
    assertThat(instance(tenant).getString("nextBackupAt")).isNull();
    admin().post("/v1/admin/projects/" + tenant.projectId + "/resume").then().statusCode(200);

    admin().post("/v1/admin/pause").then().statusCode(200);
    try {
      assertEverywhere(tenant, "PAUSED");
      assertThat(instance(tenant).getString("nextBackupAt")).isNull();
    } finally {
      admin().post("/v1/admin/resume").then().statusCode(200);
    }
    assertEverywhere(tenant, "PENDING_FIRST_BACKUP");
  }

  @Test
  void aNewInstanceIsPendingItsFirstBackupDueSoonNotAtThePolicysFirstSlot() {
    Tenant tenant = Tenant.create("first", 1);
    JsonPath instance = instance(tenant);
    assertThat(instance.getString("protection")).isEqualTo("PENDING_FIRST_BACKUP");
    // The global default's first slot is in 2099; the first backup is due after the configured
    // delay (24 h in tests) plus at most the jitter (5 min).
    assertThat(Instant.parse(instance.getString("nextBackupAt")))
        .isBefore(Instant.now().plus(Duration.ofHours(24).plusMinutes(6)));
  }

  @Test
  void aDeletedInstanceIsListedAsDeletedWithItsBackupsAndWhatBecomesOfThem() {
    Tenant tenant = Tenant.create("gone", 2);
    tenant
        .asMember()
        .contentType("application/json")
        .body(
            """
            {"name": "final", "scheduleKind": "CRON", "cronExpression": "0 0 3 * * ?",
             "keepLast": 3, "afterDelete": "KEEP_FINAL", "finalBackupDays": 7}
            """)
        .put("/v1/project/policy")
        .then()
        .statusCode(200);
    String path = "/v1/instances/" + tenant.instance(0);
    String run =
        tenant
            .asMember()
            .post(path + "/backups")
            .then()
            .statusCode(202)
            .extract()
            .jsonPath()
            .getString("id");
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                "SUCCEEDED"
                    .equals(
                        tenant.asReader().get("/v1/runs/" + run).jsonPath().getString("state")));

    given()
        .header("X-Auth-Token", tenant.memberToken)
        .delete(
            TestInfrastructure.region().troveUrl(tenant.projectId)
                + "/instances/"
                + tenant.instance(0))
        .then()
        .statusCode(202);
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> "DELETED".equals(instance(tenant).getString("protection")));

    JsonPath deleted = instance(tenant);
    assertThat(deleted.getString("deletedAt")).isNotNull();
    assertThat(deleted.getString("nextBackupAt")).isNull();
    assertThat(deleted.getInt("backupsRemaining")).isEqualTo(1);
    assertThat(deleted.getString("afterDelete.mode")).isEqualTo("KEEP_FINAL");
    assertThat(Instant.parse(deleted.getString("afterDelete.finalBackupUntil")))
        .isEqualTo(Instant.parse(deleted.getString("deletedAt")).plus(Duration.ofDays(7)));

    assertThat(ids(tenant, "true")).containsExactly(tenant.instance(0));
    assertThat(ids(tenant, "false")).containsExactly(tenant.instance(1));
    assertThat(ids(tenant, null)).containsExactlyInAnyOrderElementsOf(tenant.instanceIds);
    tenant
        .asReader()
        .queryParam("deleted", "maybe")
        .get("/v1/instances")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
  }

  private static List<String> ids(Tenant tenant, String deleted) {
    var request = tenant.asReader();
    if (deleted != null) {
      request.queryParam("deleted", deleted);
    }
    return request
        .get("/v1/instances")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("items.id", String.class);
  }

  private void assertEverywhere(Tenant tenant, String state) {
    assertThat(instance(tenant).getString("protection")).as("instance API").isEqualTo(state);
    List<Map<String, Object>> rows =
        admin()
            .queryParam("project", tenant.projectId)
            .get("/v1/admin/coverage")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("targets");
    assertThat(rows)
        .singleElement()
        .satisfies(r -> assertThat(r).containsEntry("protection", state));
    metrics.refreshNow();
    Gauge gauge =
        registry
            .find("trove_keeper_targets")
            .tags("project", tenant.projectId, "status", state.toLowerCase())
            .gauge();
    assertThat(gauge).as("metric").isNotNull();
    assertThat(gauge.value()).as("metric").isEqualTo(1.0);
  }

  private static JsonPath instance(Tenant tenant) {
    return tenant
        .asReader()
        .get("/v1/instances/" + tenant.instance(0))
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private RequestSpecification admin() {
    return given().header("X-Auth-Token", ops).contentType("application/json");
  }
}
