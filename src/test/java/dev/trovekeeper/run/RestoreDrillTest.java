package dev.trovekeeper.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trovekeeper.demo.Fault;
import dev.trovekeeper.testing.Db;
import dev.trovekeeper.testing.Tenant;
import dev.trovekeeper.testing.TestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Restore drills (issue 10, must-show 4): a policy with {@code restoreDrillIntervalHours} has the
 * newest backup restored into a throwaway instance of the smallest flavor, waits for ACTIVE,
 * records the measured restore time on the backup and the instance, deletes the throwaway instance
 * (which never became a target), and publishes {@code restore.verified} and the RTO metric. A
 * failed drill keeps Trove's fault and the timings on the run and publishes {@code restore.failed}.
 */
@QuarkusTest
class RestoreDrillTest {

  static final String DRILL_POLICY =
      """
      {"name": "drilled", "scheduleKind": "CRON", "cronExpression": "0 0 0 1 1 ? 2099",
       "timeZone": "UTC", "keepLast": 5, "restoreDrillIntervalHours": 24}
      """;

  @Inject RestoreDrills drills;
  @Inject MeterRegistry registry;
  @Inject EntityManager em;

  @Test
  void aDrillMeasuresTheRestoreTimeDeletesItsInstanceAndReportsIt() throws Exception {
    Tenant tenant = Tenant.create("drill", 0);
    String source = createInstance(tenant, "drill-src", "3", 2);
    setPolicy(tenant, source, DRILL_POLICY);
    String backup = TroveRestoreTest.completedBackup(tenant, source);

    assertThat(drills.queueDue()).isGreaterThanOrEqualTo(1);
    assertThat(drills.queueDue()).as("one drill per interval").isZero();
    String runId = drillRun(tenant, source);
    JsonPath run = TroveRestoreTest.awaitFinished(tenant, runId);
    assertThat(run.getString("state")).as(run.prettify()).isEqualTo("SUCCEEDED");
    assertThat(run.getString("operation")).isEqualTo("DRILL");
    assertThat(run.getBoolean("restore.drill")).isTrue();
    assertThat(run.getString("restore.backupId")).isEqualTo(backup);
    assertThat(run.getString("restore.flavorRef")).as("the smallest flavor").isEqualTo("1");
    assertThat(run.getInt("restore.volumeSize")).as("the source's volume").isEqualTo(2);
    assertThat(run.getString("restore.instanceName")).startsWith("tk-drill-");
    long rto = run.getLong("restore.rtoMillis");
    assertThat(rto).isPositive();
    assertThat(run.getString("restore.instanceDeletedAt")).isNotNull();
    String throwaway = run.getString("restore.newInstanceId");

    var region = TestInfrastructure.region();
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                region
                    .instance(tenant.projectId, throwaway)
                    .map(i -> i.deletedAt() != null)
                    .orElse(true));
    // Notifications arrive in order: once a later instance is known, the drill's create (sent
    // before it) was handled, and skipped.
    String later = region.createInstance(tenant.projectId, "after-drill").id();
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> tenant.asReader().get("/v1/instances/" + later).statusCode() == 200);
    assertThat(tenant.asReader().get("/v1/instances/" + throwaway).statusCode())
        .as("the throwaway instance never became a target")
        .isEqualTo(404);
    assertThat(count("targets", "external_id = '" + throwaway + "'", tenant)).isZero();

    JsonPath instance = tenant.asReader().get("/v1/instances/" + source).jsonPath();
    assertThat(instance.getString("provenRestorableAt")).isNotNull();
    assertThat(instance.getLong("restoreRtoMillis")).isEqualTo(rto);
    JsonPath backups = tenant.asReader().get("/v1/instances/" + source + "/backups").jsonPath();
    assertThat(backups.getString("items.find { it.id == '" + backup + "' }.provenRestorableAt"))
        .isNotNull();
    assertThat(count("outbox_events", "event_type LIKE '%restore.verified'", tenant)).isEqualTo(1);
    var timer =
        registry.find("keeper.restore.rto").tag("target", source).tag("drill", "true").timer();
    assertThat(timer).isNotNull();
    assertThat(timer.count()).isEqualTo(1);
    assertThat(
            registry.find("keeper.restore.rto.last.seconds").tag("target", source).gauge().value())
        .isEqualTo(rto / 1000.0);
  }

  @Test
  void aFailedDrillKeepsTheFaultAndTimings() throws Exception {
    Tenant tenant = Tenant.create("drill-fail", 0);
    String source = createInstance(tenant, "drill-fail-src", "1", 1);
    setPolicy(tenant, source, DRILL_POLICY);
    TroveRestoreTest.completedBackup(tenant, source);
    TestInfrastructure.region()
        .faults()
        .failNext(1, "POST", "/instances", tenant.projectId, Fault.quota());
    try {
      assertThat(drills.queueDue()).isGreaterThanOrEqualTo(1);
      JsonPath run = TroveRestoreTest.awaitFinished(tenant, drillRun(tenant, source));
      assertThat(run.getString("state")).isEqualTo("FAILED");
      assertThat(run.getString("reasonCode")).isEqualTo("RESTORE_REFUSED");
      assertThat(run.getString("reason")).contains("Quota exceeded");
      assertThat(run.getString("restore.fault")).contains("413");
      assertThat(run.getString("restore.newInstanceId")).isNull();
    } finally {
      TestInfrastructure.region().faults().clear();
    }
    assertThat(count("outbox_events", "event_type LIKE '%restore.failed'", tenant)).isEqualTo(1);
    assertThat(
            tenant
                .asReader()
                .get("/v1/instances/" + source)
                .jsonPath()
                .getString("provenRestorableAt"))
        .isNull();
  }

  private static String drillRun(Tenant tenant, String source) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                tenant
                    .asReader()
                    .get("/v1/instances/" + source + "/runs")
                    .jsonPath()
                    .getString("items.find { it.operation == 'DRILL' }.id"),
            id -> id != null);
  }

  /** Creates an instance through Trove's API as a tenant would, and waits until it is known. */
  private static String createInstance(Tenant tenant, String name, String flavor, int volume)
      throws Exception {
    var region = TestInfrastructure.region();
    String body =
        "{\"instance\":{\"name\":\"%s\",\"flavorRef\":\"%s\",\"volume\":{\"size\":%d},\"datastore\":{\"type\":\"mysql\",\"version\":\"5.7.29\"}}}"
            .formatted(name, flavor, volume);
    HttpRequest post =
        HttpRequest.newBuilder(URI.create(region.troveUrl(tenant.projectId) + "/instances"))
            .header("X-Auth-Token", tenant.memberToken)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> answer =
        HttpClient.newHttpClient().send(post, HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    String id = JsonPath.from(answer.body()).getString("instance.id");
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> tenant.asReader().get("/v1/instances/" + id).statusCode() == 200);
    return id;
  }

  private static void setPolicy(Tenant tenant, String instance, String policy) {
    tenant
        .asMember()
        .contentType("application/json")
        .body(policy)
        .put("/v1/instances/" + instance + "/policy")
        .then()
        .statusCode(200);
  }

  private long count(String table, String where, Tenant tenant) {
    return Db.read(
        () ->
            ((Number)
                    em.createNativeQuery(
                            "SELECT COUNT(*) FROM "
                                + table
                                + " WHERE "
                                + where
                                + " AND project_id = ?1")
                        .setParameter(1, tenant.projectId)
                        .getSingleResult())
                .longValue());
  }
}
