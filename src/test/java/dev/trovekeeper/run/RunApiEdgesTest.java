package dev.trovekeeper.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.trovekeeper.testing.Db;
import dev.trovekeeper.testing.KeystoneTokens;
import dev.trovekeeper.testing.Tenant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The edges of the run API: run ids are opaque and another project's run answers exactly as a free
 * id does; Location comes from the configured public URL; run-now while one is queued answers that
 * run; a queued run can be cancelled, a started one cannot; manual runs are capped per day.
 */
@QuarkusTest
class RunApiEdgesTest {

  @Inject EntityManager em;
  @Inject RunStore store;
  @Inject RunRepository runRows;

  @Test
  void anotherProjectsRunAnswersExactlyLikeAFreeIdAndIdsAreOpaque() {
    Tenant owner = Tenant.create("oracle", 1);
    Tenant nosy = Tenant.create("oracle-nosy", 0);
    Response accepted = owner.asMember().post("/v1/instances/" + owner.instance(0) + "/backups");
    assertThat(accepted.statusCode()).isEqualTo(202);
    String runId = accepted.jsonPath().getString("id");
    assertThat(UUID.fromString(runId).version()).as("a random UUID").isEqualTo(4);

    Response theirs = nosy.asMember().get("/v1/runs/" + runId);
    String free = UUID.randomUUID().toString();
    Response none = nosy.asMember().get("/v1/runs/" + free);
    Response numeric = nosy.asMember().get("/v1/runs/1");
    for (Response r : new Response[] {theirs, none, numeric}) {
      assertThat(r.statusCode()).isEqualTo(404);
      assertThat(r.contentType()).startsWith("application/problem+json");
    }
    assertThat(withoutRequestSpecifics(theirs.asString(), runId))
        .isEqualTo(withoutRequestSpecifics(none.asString(), free));
    assertThat(theirs.jsonPath().getString("detail")).isEqualTo("no such run in the project");
    assertThat(nosy.asMember().post("/v1/runs/" + runId + "/cancel").statusCode()).isEqualTo(404);
  }

  @Test
  void aQueuedRunHeldOnlyForItsAdmissionCheckIsCancelledAndItsHolderFencedOut() {
    Tenant tenant = Tenant.create("held", 1);
    operator().post("/v1/admin/projects/" + tenant.projectId + "/pause").then().statusCode(200);
    try {
      String runId =
          tenant
              .asMember()
              .post("/v1/instances/" + tenant.instance(0) + "/backups")
              .jsonPath()
              .getString("id");
      long id = Db.read(() -> runRows.findByPublicId(runId).orElseThrow().id);
      // Another replica holds the queued run while it checks whether the run may start (the
      // project is paused, so it may not): the tenant's cancel still wins.
      RunLease held =
          Awaitility.await()
              .atMost(Duration.ofSeconds(30))
              .until(
                  () -> store.claimRun(id, "replica-x", Duration.ofSeconds(30)), o -> o.isPresent())
              .orElseThrow();

      tenant
          .asMember()
          .post("/v1/runs/" + runId + "/cancel")
          .then()
          .statusCode(200)
          .body("state", equalTo("CANCELLED"));

      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> store.release(held, r -> r.progressPhase = "waiting for a free slot"))
          .isInstanceOf(RunStore.LostClaimException.class);
      assertThat(Db.read(() -> runRows.findById(id).state)).isEqualTo(RunState.CANCELLED);
    } finally {
      operator().post("/v1/admin/projects/" + tenant.projectId + "/resume").then().statusCode(200);
    }
  }

  @Test
  void locationIsBuiltFromThePublicUrlNotTheHostHeader() {
    Tenant tenant = Tenant.create("location", 1);
    Response accepted =
        tenant
            .asMember()
            .header("Host", "evil.example")
            .post("/v1/instances/" + tenant.instance(0) + "/backups");
    assertThat(accepted.statusCode()).isEqualTo(202);
    String location = accepted.header("Location");
    String publicUrl =
        org.eclipse.microprofile.config.ConfigProvider.getConfig()
            .getValue("keeper.auth.public-url", String.class)
            .replaceAll("/+$", "");
    assertThat(location)
        .doesNotContain("evil.example")
        .isEqualTo(publicUrl + "/v1/runs/" + accepted.jsonPath().getString("id"));
  }

  @Test
  void runNowWhileQueuedAnswersThatRunAndAQueuedRunCanBeCancelled() {
    Tenant tenant = Tenant.create("queued", 1);
    String backups = "/v1/instances/" + tenant.instance(0) + "/backups";
    operator().post("/v1/admin/projects/" + tenant.projectId + "/pause").then().statusCode(200);
    String runId;
    try {
      Response first = tenant.asMember().post(backups);
      assertThat(first.statusCode()).isEqualTo(202);
      runId = first.jsonPath().getString("id");
      Response second = tenant.asMember().post(backups);
      assertThat(second.statusCode()).as("the queued run, not a second one").isEqualTo(200);
      assertThat(second.jsonPath().getString("id")).isEqualTo(runId);
      assertThat(second.header("Location")).endsWith("/v1/runs/" + runId);
      assertThat(runsOf(tenant)).isEqualTo(1);

      tenant.asReader().post("/v1/runs/" + runId + "/cancel").then().statusCode(403);
      tenant
          .asMember()
          .post("/v1/runs/" + runId + "/cancel")
          .then()
          .statusCode(200)
          .body("state", equalTo("CANCELLED"))
          .body("id", equalTo(runId));
      // Cancelling again answers the cancelled run; a new run-now queues a new run.
      tenant
          .asMember()
          .post("/v1/runs/" + runId + "/cancel")
          .then()
          .statusCode(200)
          .body("state", equalTo("CANCELLED"));
      assertThat(
              count("audit_log", "action = 'backup.cancel' AND project_id = ?1", tenant.projectId))
          .isEqualTo(1);
      assertThat(
              count(
                  "outbox_events",
                  "event_type LIKE '%backup.cancelled' AND project_id = ?1",
                  tenant.projectId))
          .isEqualTo(1);
      Response again = tenant.asMember().post(backups);
      assertThat(again.statusCode()).isEqualTo(202);
      assertThat(again.jsonPath().getString("id")).isNotEqualTo(runId);
      runId = again.jsonPath().getString("id");
    } finally {
      operator().post("/v1/admin/projects/" + tenant.projectId + "/resume").then().statusCode(200);
    }
    String started = runId;
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> "SUCCEEDED".equals(tenant.asReader().get("/v1/runs/" + started).path("state")));
    tenant
        .asMember()
        .post("/v1/runs/" + started + "/cancel")
        .then()
        .statusCode(409)
        .contentType("application/problem+json");
    tenant.asReader().get("/v1/runs/" + started).then().body("state", equalTo("SUCCEEDED"));

    // A queued restore of that backup, cancelled: its event and audit say restore, not backup.
    String backupId =
        tenant.asReader().get(backups).then().statusCode(200).extract().path("items[0].id");
    operator().post("/v1/admin/projects/" + tenant.projectId + "/pause").then().statusCode(200);
    try {
      String restore =
          tenant
              .asMember()
              .contentType("application/json")
              .body("{}")
              .post(backups + "/" + backupId + "/restore")
              .then()
              .statusCode(202)
              .extract()
              .path("id");
      tenant
          .asMember()
          .post("/v1/runs/" + restore + "/cancel")
          .then()
          .statusCode(200)
          .body("state", equalTo("CANCELLED"));
      assertThat(
              count("audit_log", "action = 'restore.cancel' AND project_id = ?1", tenant.projectId))
          .isEqualTo(1);
      assertThat(
              count(
                  "outbox_events",
                  "event_type LIKE '%restore.cancelled' AND project_id = ?1",
                  tenant.projectId))
          .isEqualTo(1);
      assertThat(
              count("audit_log", "action = 'backup.cancel' AND project_id = ?1", tenant.projectId))
          .as("only the backup cancelled above")
          .isEqualTo(1);
    } finally {
      operator().post("/v1/admin/projects/" + tenant.projectId + "/resume").then().statusCode(200);
    }
  }

  @Test
  void manualRunsAreCappedPerInstanceAndDay() {
    int cap =
        org.eclipse.microprofile.config.ConfigProvider.getConfig()
            .getValue("keeper.run.manual.max-per-day", Integer.class);
    Tenant tenant = Tenant.create("capped", 1);
    String backups = "/v1/instances/" + tenant.instance(0) + "/backups";
    for (int i = 0; i < cap; i++) {
      String runId = tenant.asMember().post(backups).then().statusCode(202).extract().path("id");
      Awaitility.await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> "SUCCEEDED".equals(tenant.asReader().get("/v1/runs/" + runId).path("state")));
    }
    Response refused = tenant.asMember().post(backups);
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.jsonPath().getString("code")).isEqualTo("TOO_MANY_REQUESTS");
    assertThat(refused.jsonPath().getString("detail")).contains("next is allowed at");
    assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 24 * 3600L);
    assertThat(runsOf(tenant)).isEqualTo(cap);
  }

  private long runsOf(Tenant tenant) {
    return count("runs", "project_id = ?1", tenant.projectId);
  }

  private long count(String table, String where, String projectId) {
    return Db.read(
        () ->
            ((Number)
                    em.createNativeQuery("SELECT COUNT(*) FROM " + table + " WHERE " + where)
                        .setParameter(1, projectId)
                        .getSingleResult())
                .longValue());
  }

  private static io.restassured.specification.RequestSpecification operator() {
    return RestAssured.given()
        .header("X-Auth-Token", KeystoneTokens.issue("ops", "ops-secret", "service"));
  }

  /** The body without what names this request: its path (instance) and request id. */
  private static String withoutRequestSpecifics(String body, String id) {
    return body.replace(id, "ID").replaceAll("\"requestId\":\"[^\"]*\"", "");
  }
}
