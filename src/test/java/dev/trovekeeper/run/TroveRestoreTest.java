package dev.trovekeeper.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trovekeeper.testing.Db;
import dev.trovekeeper.testing.Tenant;
import dev.trovekeeper.testing.TestInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Restoring a backup into a new Trove instance of the demo region (issue 10, must-show 4): the run
 * follows the new instance until ACTIVE, which is then discovered like any other instance and gets
 * its project's policy; a backup missing in Trove ends the run FAILED with a clean reason and
 * {@code restore.failed}; another project's instance or backup answers exactly as an unknown id.
 */
@QuarkusTest
class TroveRestoreTest {

  static final String PROJECT_POLICY =
      """
      {"name": "restore-project-default", "scheduleKind": "CRON",
       "cronExpression": "0 0 0 1 1 ? 2099", "timeZone": "UTC", "keepLast": 5}
      """;

  @Inject EntityManager em;

  @Test
  void restoreMakesANewActiveInstanceThatIsDiscoveredAndGetsThePolicy() {
    Tenant tenant = Tenant.create("restore", 1);
    tenant
        .asMember()
        .contentType("application/json")
        .body(PROJECT_POLICY)
        .put("/v1/project/policy")
        .then()
        .statusCode(200);
    String source = tenant.instance(0);
    String backup = completedBackup(tenant, source);

    Response accepted =
        tenant
            .asMember()
            .contentType("application/json")
            .body("{\"name\": \"orders-copy\"}")
            .post("/v1/instances/" + source + "/backups/" + backup + "/restore");
    assertThat(accepted.statusCode()).as(accepted.asString()).isEqualTo(202);
    assertThat(accepted.jsonPath().getString("operation")).isEqualTo("RESTORE");
    String runId = accepted.jsonPath().getString("id");
    assertThat(accepted.header("Location")).endsWith("/v1/runs/" + runId);

    JsonPath run = awaitFinished(tenant, runId);
    assertThat(run.getString("state")).as(run.prettify()).isEqualTo("SUCCEEDED");
    assertThat(run.getInt("percent")).isEqualTo(100);
    assertThat(run.getString("restore.backupId")).isEqualTo(backup);
    assertThat(run.getString("restore.instanceName")).startsWith("orders-copy-tk");
    assertThat(run.getLong("restore.rtoMillis")).isNotNegative();
    assertThat(run.getString("restore.flavorRef")).as("the source's flavor").isEqualTo("1");
    String restored = run.getString("restore.newInstanceId");

    var inRegion = TestInfrastructure.region().instance(tenant.projectId, restored).orElseThrow();
    assertThat(inRegion.status()).isEqualTo("ACTIVE");
    assertThat(inRegion.name()).isEqualTo(run.getString("restore.instanceName"));
    // Discovered from its own trove.instance.create, like any new instance, with the policy.
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> tenant.asReader().get("/v1/instances/" + restored).statusCode() == 200);
    JsonPath instance = tenant.asReader().get("/v1/instances/" + restored).jsonPath();
    assertThat(instance.getString("effectivePolicy.name")).isEqualTo("restore-project-default");
    assertThat(instance.getString("discoveredBy")).isEqualTo("NOTIFICATION");

    assertThat(count("audit_log", "action = 'backup.restore' AND project_id = ?1", tenant))
        .isEqualTo(1);
    assertThat(count("outbox_events", "event_type LIKE '%restore.succeeded'", tenant)).isEqualTo(1);
  }

  @Test
  void aBackupMissingInTroveFailsTheRunCleanly() throws Exception {
    Tenant tenant = Tenant.create("restore-missing", 1);
    String source = tenant.instance(0);
    String backup = completedBackup(tenant, source);
    String troveId =
        tenant
            .asReader()
            .get("/v1/instances/" + source + "/backups")
            .jsonPath()
            .getString("items[0].backupId");
    // Deleted in Trove behind the service's back (its list still shows it COMPLETED).
    var region = TestInfrastructure.region();
    var delete =
        java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(region.troveUrl(tenant.projectId) + "/backups/" + troveId))
            .header("X-Auth-Token", tenant.memberToken)
            .DELETE()
            .build();
    var answer =
        java.net.http.HttpClient.newHttpClient()
            .send(delete, java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(202);
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> region.backups(tenant.projectId).stream().noneMatch(b -> b.id().equals(troveId)));
    int instancesBefore = region.instances(tenant.projectId).size();

    Response accepted =
        tenant
            .asMember()
            .contentType("application/json")
            .body("{}")
            .post("/v1/instances/" + source + "/backups/" + backup + "/restore");
    assertThat(accepted.statusCode()).as(accepted.asString()).isEqualTo(202);
    JsonPath run = awaitFinished(tenant, accepted.jsonPath().getString("id"));
    assertThat(run.getString("state")).isEqualTo("FAILED");
    assertThat(run.getString("reasonCode")).isEqualTo("BACKUP_MISSING");
    assertThat(run.getString("reason")).contains(troveId);
    assertThat(run.getString("restore.newInstanceId")).isNull();
    assertThat(region.instances(tenant.projectId)).hasSize(instancesBefore);
    assertThat(count("outbox_events", "event_type LIKE '%restore.failed'", tenant)).isEqualTo(1);
  }

  @Test
  void anotherProjectsInstanceOrBackupAnswersLikeAnUnknownId() {
    Tenant owner = Tenant.create("restore-owner", 1);
    Tenant nosy = Tenant.create("restore-nosy", 1);
    String backup = completedBackup(owner, owner.instance(0));
    String free = UUID.randomUUID().toString();
    Response theirs =
        nosy.asMember()
            .contentType("application/json")
            .body("{}")
            .post("/v1/instances/" + owner.instance(0) + "/backups/" + backup + "/restore");
    Response theirBackupOnMyInstance =
        nosy.asMember()
            .contentType("application/json")
            .body("{}")
            .post("/v1/instances/" + nosy.instance(0) + "/backups/" + backup + "/restore");
    Response unknown =
        nosy.asMember()
            .contentType("application/json")
            .body("{}")
            .post("/v1/instances/" + nosy.instance(0) + "/backups/" + free + "/restore");
    for (Response r : new Response[] {theirs, theirBackupOnMyInstance, unknown}) {
      assertThat(r.statusCode()).as(r.asString()).isEqualTo(404);
      assertThat(r.contentType()).startsWith("application/problem+json");
    }
    assertThat(theirBackupOnMyInstance.jsonPath().getString("detail"))
        .isEqualTo(unknown.jsonPath().getString("detail"));
    // a reader may not restore; the owner's member may
    assertThat(
            owner
                .asReader()
                .contentType("application/json")
                .body("{}")
                .post("/v1/instances/" + owner.instance(0) + "/backups/" + backup + "/restore")
                .statusCode())
        .isEqualTo(403);
    assertThat(count("runs", "operation = 'RESTORE' AND project_id = ?1", nosy)).isZero();
    assertThat(count("runs", "operation = 'RESTORE' AND project_id = ?1", owner)).isZero();
  }

  @Test
  void aQueuedRestoreCanBeCancelledBeforeItAsksTrove() {
    Tenant tenant = Tenant.create("restore-cancel", 1);
    String source = tenant.instance(0);
    String backup = completedBackup(tenant, source);
    var operator =
        io.restassured.RestAssured.given()
            .header(
                "X-Auth-Token",
                dev.trovekeeper.testing.KeystoneTokens.issue("ops", "ops-secret", "service"));
    operator.post("/v1/admin/projects/" + tenant.projectId + "/pause").then().statusCode(200);
    int instancesBefore = TestInfrastructure.region().instances(tenant.projectId).size();
    String runId;
    try {
      runId =
          tenant
              .asMember()
              .contentType("application/json")
              .body("{}")
              .post("/v1/instances/" + source + "/backups/" + backup + "/restore")
              .then()
              .statusCode(202)
              .extract()
              .jsonPath()
              .getString("id");
      tenant
          .asMember()
          .post("/v1/runs/" + runId + "/cancel")
          .then()
          .statusCode(200)
          .body("state", org.hamcrest.Matchers.equalTo("CANCELLED"));
    } finally {
      io.restassured.RestAssured.given()
          .header(
              "X-Auth-Token",
              dev.trovekeeper.testing.KeystoneTokens.issue("ops", "ops-secret", "service"))
          .post("/v1/admin/projects/" + tenant.projectId + "/resume")
          .then()
          .statusCode(200);
    }
    JsonPath run = tenant.asReader().get("/v1/runs/" + runId).jsonPath();
    assertThat(run.getString("state")).isEqualTo("CANCELLED");
    assertThat(run.getString("restore.newInstanceId")).isNull();
    assertThat(TestInfrastructure.region().instances(tenant.projectId)).hasSize(instancesBefore);
  }

  static String completedBackup(Tenant tenant, String instance) {
    String runId =
        tenant
            .asMember()
            .post("/v1/instances/" + instance + "/backups")
            .then()
            .statusCode(202)
            .extract()
            .jsonPath()
            .getString("id");
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> "SUCCEEDED".equals(tenant.asReader().get("/v1/runs/" + runId).path("state")));
    return tenant
        .asReader()
        .queryParam("status", "COMPLETED")
        .get("/v1/instances/" + instance + "/backups")
        .jsonPath()
        .getString("items[0].id");
  }

  static JsonPath awaitFinished(Tenant tenant, String runId) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> tenant.asReader().get("/v1/runs/" + runId).jsonPath(),
            r -> r.getString("finishedAt") != null);
  }

  private long count(String table, String where, Tenant tenant) {
    String scoped = where.contains("?1") ? where : where + " AND project_id = ?1";
    return Db.read(
        () ->
            ((Number)
                    em.createNativeQuery("SELECT COUNT(*) FROM " + table + " WHERE " + scoped)
                        .setParameter(1, tenant.projectId)
                        .getSingleResult())
                .longValue());
  }
}
