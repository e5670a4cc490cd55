package dev.trovekeeper.inventory;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import dev.trovekeeper.audit.AuditRepository;
import dev.trovekeeper.demo.DemoSeed;
import dev.trovekeeper.testing.Db;
import dev.trovekeeper.testing.KeystoneTokens;
import dev.trovekeeper.testing.Tenant;
import dev.trovekeeper.testing.TestInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The tenant API: scoped to the token's project, readers read, members change, all audited. */
@QuarkusTest
class TenantApiTest {

  static final String POLICY =
      """
      {"name": "nightly", "scheduleKind": "CRON", "cronExpression": "0 0 0 1 1 ? 2099",
       "timeZone": "Europe/Berlin", "keepLast": 3, "rpoTargetMinutes": 1440}
      """;

  @Inject ReconcileJob reconcile;
  @Inject AuditRepository audit;

  @Test
  void aliceListsHerProjectsInstancesOnly() {
    reconcile.reconcileNow();
    String alice =
        KeystoneTokens.issue(DemoSeed.ALICE, DemoSeed.ALICE_PASSWORD, DemoSeed.PROJECT_A_ID);
    List<String> bIds =
        TestInfrastructure.region().instances(DemoSeed.PROJECT_B_ID).stream()
            .map(i -> i.id())
            .toList();
    JsonPath page =
        given()
            .header("X-Auth-Token", alice)
            .queryParam("limit", 500)
            .queryParam("project", DemoSeed.PROJECT_B_ID) // ignored for tenants
            .get("/v1/instances")
            .then()
            .statusCode(200)
            .body("items.projectId", everyItem(equalTo(DemoSeed.PROJECT_A_ID)))
            .extract()
            .jsonPath();
    assertThat(page.getList("items")).isNotEmpty();
    assertThat(page.getList("items.id", String.class)).doesNotContainAnyElementsOf(bIds);
    given()
        .header("X-Auth-Token", alice)
        .get("/v1/instances/" + bIds.get(0))
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("code", equalTo("NOT_FOUND"));
  }

  @Test
  void pagingWithLimitOneWalksEveryInstance() {
    Tenant tenant = Tenant.create("paging", 3);
    List<String> seen = new ArrayList<>();
    String cursor = null;
    do {
      var request = tenant.asReader().queryParam("limit", 1);
      if (cursor != null) {
        request.queryParam("cursor", cursor);
      }
      JsonPath page =
          request
              .get("/v1/instances")
              .then()
              .statusCode(200)
              .body("items", hasSize(1))
              .extract()
              .jsonPath();
      seen.addAll(page.getList("items.id", String.class));
      cursor = page.getString("nextCursor");
    } while (cursor != null);
    assertThat(seen).containsExactlyElementsOf(tenant.instanceIds);

    problem(tenant.asReader().queryParam("cursor", "garbage!").get("/v1/instances").then(), 400)
        .body("code", equalTo("VALIDATION_FAILED"));
    problem(tenant.asReader().queryParam("limit", 0).get("/v1/instances").then(), 400);
    tenant
        .asReader()
        .get("/v1/instances/" + tenant.instance(0))
        .then()
        .statusCode(200)
        .body("protection", equalTo("PENDING_FIRST_BACKUP"))
        .body("effectivePolicy.scope", equalTo("GLOBAL"))
        .body("status", equalTo("ACTIVE"));
  }

  @Test
  void instancePolicyRoundTripIsAuditedAndFollowedByTheSchedule() {
    Tenant tenant = Tenant.create("ipolicy", 1);
    String path = "/v1/instances/" + tenant.instance(0) + "/policy";
    problem(tenant.asReader().get(path).then(), 404).body("code", equalTo("NOT_FOUND"));

    problem(tenant.asReader().contentType("application/json").body(POLICY).put(path).then(), 403)
        .body("code", equalTo("FORBIDDEN"));
    tenant
        .asMember()
        .contentType("application/json")
        .body(POLICY)
        .put(path)
        .then()
        .statusCode(200)
        .body("scope", equalTo("TARGET"))
        .body("timeZone", equalTo("Europe/Berlin"))
        .body("keepLast", equalTo(3));
    tenant.asReader().get(path).then().statusCode(200).body("name", equalTo("nightly"));
    tenant
        .asReader()
        .get("/v1/instances/" + tenant.instance(0))
        .then()
        .body("effectivePolicy.scope", equalTo("TARGET"))
        .body("effectivePolicy.name", equalTo("nightly"))
        .body("nextBackupAt", notNullValue());
    assertThat(auditCount(tenant.projectId, "policy.set")).isEqualTo(1);

    tenant.asMember().delete(path).then().statusCode(204);
    problem(tenant.asMember().get(path).then(), 404);
    problem(tenant.asMember().delete(path).then(), 404);
    assertThat(auditCount(tenant.projectId, "policy.delete")).isEqualTo(1);
    tenant
        .asReader()
        .get("/v1/instances/" + tenant.instance(0))
        .then()
        .body("effectivePolicy.scope", equalTo("GLOBAL"));
  }

  @Test
  void projectPolicyRoundTripIsAudited() {
    Tenant tenant = Tenant.create("ppolicy", 1);
    problem(tenant.asMember().get("/v1/project/policy").then(), 404);
    problem(
        tenant
            .asReader()
            .contentType("application/json")
            .body(POLICY)
            .put("/v1/project/policy")
            .then(),
        403);
    tenant
        .asMember()
        .contentType("application/json")
        .body(POLICY.replace("nightly", "project-default"))
        .put("/v1/project/policy")
        .then()
        .statusCode(200)
        .body("scope", equalTo("PROJECT"))
        .body("projectId", equalTo(tenant.projectId));
    tenant
        .asReader()
        .get("/v1/project/policy")
        .then()
        .statusCode(200)
        .body("name", equalTo("project-default"));
    tenant
        .asReader()
        .get("/v1/instances/" + tenant.instance(0))
        .then()
        .body("effectivePolicy.scope", equalTo("PROJECT"));
    problem(tenant.asReader().delete("/v1/project/policy").then(), 403);
    tenant.asMember().delete("/v1/project/policy").then().statusCode(204);
    problem(tenant.asMember().get("/v1/project/policy").then(), 404);
    assertThat(auditCount(tenant.projectId, "policy.set")).isEqualTo(1);
    assertThat(auditCount(tenant.projectId, "policy.delete")).isEqualTo(1);
  }

  @Test
  void anotherProjectsMemberGetsNotFoundAndChangesNothing() {
    Tenant owner = Tenant.create("owner", 1);
    Tenant other = Tenant.create("other", 0);
    String instance = "/v1/instances/" + owner.instance(0);
    owner
        .asMember()
        .contentType("application/json")
        .body(POLICY)
        .put(instance + "/policy")
        .then()
        .statusCode(200);

    problem(other.asMember().get(instance).then(), 404);
    problem(other.asMember().get(instance + "/policy").then(), 404);
    problem(
        other
            .asMember()
            .contentType("application/json")
            .body(POLICY.replace("nightly", "hijacked"))
            .put(instance + "/policy")
            .then(),
        404);
    problem(other.asMember().delete(instance + "/policy").then(), 404);
    problem(other.asMember().post(instance + "/backups").then(), 404);
    problem(other.asMember().get(instance + "/backups").then(), 404);
    problem(other.asMember().get(instance + "/runs").then(), 404);
    other.asMember().get("/v1/instances").then().statusCode(200).body("items", hasSize(0));

    owner
        .asReader()
        .get(instance + "/policy")
        .then()
        .statusCode(200)
        .body("name", equalTo("nightly"));
    assertThat(Db.read(() -> audit.count("projectId = ?1", owner.projectId))).isEqualTo(1);
    owner.asReader().get(instance + "/runs").then().body("items", hasSize(0));
  }

  @Test
  void runNowIsQueuedAndSucceedsAndTheListingsFilter() {
    Tenant tenant = Tenant.create("runnow", 1);
    String instance = "/v1/instances/" + tenant.instance(0);
    problem(tenant.asReader().post(instance + "/backups").then(), 403);
    var accepted =
        tenant
            .asMember()
            .post(instance + "/backups")
            .then()
            .statusCode(202)
            .body("id", notNullValue());
    String runId = accepted.extract().jsonPath().getString("id");
    assertThat(accepted.extract().header("Location")).endsWith("/v1/runs/" + runId);
    assertThat(auditCount(tenant.projectId, "backup.run-now")).isEqualTo(1);

    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                "SUCCEEDED"
                    .equals(
                        tenant.asReader().get("/v1/runs/" + runId).jsonPath().getString("state")));
    tenant
        .asReader()
        .get("/v1/runs/" + runId)
        .then()
        .body("percent", equalTo(100))
        .body("backupId", notNullValue())
        .body("instanceId", equalTo(tenant.instance(0)));
    Tenant other = Tenant.create("nosy", 0);
    problem(other.asMember().get("/v1/runs/" + runId).then(), 404);

    tenant
        .asReader()
        .queryParam("status", "COMPLETED")
        .get(instance + "/backups")
        .then()
        .statusCode(200)
        .body("items", hasSize(1))
        .body("items[0].type", equalTo("FULL"))
        .body("items[0].origin", equalTo("MANUAL"))
        .body("items[0].runId", equalTo(runId));
    tenant
        .asReader()
        .queryParam("status", "FAILED")
        .get(instance + "/backups")
        .then()
        .body("items", hasSize(0));
    tenant
        .asReader()
        .queryParam("from", "2099-01-01T00:00:00Z")
        .get(instance + "/backups")
        .then()
        .body("items", hasSize(0));
    tenant
        .asReader()
        .queryParam("from", "2000-01-01T00:00:00Z")
        .queryParam("to", "2099-01-01T00:00:00Z")
        .get(instance + "/backups")
        .then()
        .body("items", hasSize(1));
    problem(
        tenant.asReader().queryParam("from", "yesterday").get(instance + "/backups").then(), 400);
    problem(tenant.asReader().queryParam("to", "2020-13-01").get(instance + "/runs").then(), 400);
    problem(tenant.asReader().queryParam("state", "DONE").get(instance + "/runs").then(), 400);
    tenant
        .asReader()
        .queryParam("state", "SUCCEEDED")
        .get(instance + "/runs")
        .then()
        .body("items", hasSize(1))
        .body("items[0].id", equalTo(runId));
    tenant
        .asReader()
        .queryParam("state", "FAILED")
        .get(instance + "/runs")
        .then()
        .body("items", hasSize(0));
    tenant
        .asReader()
        .get(instance)
        .then()
        .body("protection", equalTo("PROTECTED"))
        .body("lastSuccessfulBackupAt", notNullValue())
        .body("recoveryPointAgeSeconds", notNullValue());
  }

  private long auditCount(String projectId, String action) {
    return Db.read(() -> audit.count("projectId = ?1 and action = ?2", projectId, action));
  }

  private static ValidatableResponse problem(ValidatableResponse response, int status) {
    return response.statusCode(status).contentType("application/problem+json");
  }
}
