package dev.trovekeeper.operator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.trovekeeper.demo.DemoSeed;
import dev.trovekeeper.demo.InstanceInfo;
import dev.trovekeeper.inventory.Target;
import dev.trovekeeper.inventory.TargetKind;
import dev.trovekeeper.inventory.TargetRepository;
import dev.trovekeeper.policy.MissedRunPolicy;
import dev.trovekeeper.policy.PolicyService;
import dev.trovekeeper.run.Run;
import dev.trovekeeper.run.RunService;
import dev.trovekeeper.run.RunState;
import dev.trovekeeper.testing.Db;
import dev.trovekeeper.testing.KeystoneTokens;
import dev.trovekeeper.testing.Projects;
import dev.trovekeeper.testing.TestInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The operator endpoints: admin only, tiers, projects, pause, coverage, queue, audit, policy. */
@QuarkusTest
class OperatorApiTest {

  private static final String NEVER = "0 0 0 1 1 ? 2099";

  @Inject PolicyService policies;
  @Inject TargetRepository targets;
  @Inject RunService runs;

  private final String ops =
      KeystoneTokens.issue(DemoSeed.OPS, DemoSeed.OPS_PASSWORD, DemoSeed.SERVICE_PROJECT_ID);

  @Test
  void tenantsAreRefusedOnEveryAdminEndpoint() {
    String alice =
        KeystoneTokens.issue(DemoSeed.ALICE, DemoSeed.ALICE_PASSWORD, DemoSeed.PROJECT_A_ID);
    String rita =
        KeystoneTokens.issue(DemoSeed.RITA, DemoSeed.RITA_PASSWORD, DemoSeed.PROJECT_A_ID);
    String project = "/v1/admin/projects/" + DemoSeed.PROJECT_A_ID;
    List<String[]> endpoints =
        List.of(
            new String[] {"GET", "/v1/admin/tiers", null},
            new String[] {"POST", "/v1/admin/tiers", "{\"name\": \"sneaky\"}"},
            new String[] {"GET", "/v1/admin/tiers/sneaky", null},
            new String[] {"PUT", "/v1/admin/tiers/sneaky", "{}"},
            new String[] {"DELETE", "/v1/admin/tiers/sneaky", null},
            new String[] {"GET", project, null},
            new String[] {"PUT", project, "{\"tier\": null}"},
            new String[] {"POST", project + "/pause", null},
            new String[] {"POST", project + "/resume", null},
            new String[] {"GET", "/v1/admin/pause", null},
            new String[] {"POST", "/v1/admin/pause", null},
            new String[] {"POST", "/v1/admin/resume", null},
            new String[] {"GET", "/v1/admin/coverage", null},
            new String[] {"GET", "/v1/admin/coverage?format=csv", null},
            new String[] {"GET", "/v1/admin/queue", null},
            new String[] {"GET", "/v1/admin/audit", null},
            new String[] {"GET", "/v1/admin/policy", null},
            new String[] {"PUT", "/v1/admin/policy", "{\"keepLast\": 0}"});
    for (String token : List.of(alice, rita)) {
      for (String[] e : endpoints) {
        RequestSpecification request =
            given().header("X-Auth-Token", token).contentType("application/json");
        if (e[2] != null) {
          request.body(e[2]);
        }
        request
            .request(e[0], e[1])
            .then()
            .statusCode(403)
            .contentType("application/problem+json")
            .body("code", equalTo("FORBIDDEN"));
      }
    }
    given().get("/v1/admin/tiers").then().statusCode(401);
    assertThat(Db.read(() -> policies.global().orElseThrow().keepLast)).isNotEqualTo(0);
    admin().get("/v1/admin/tiers/sneaky").then().statusCode(404);
  }

  @Test
  void operatorsManageTiersAndAssignThem() {
    String tier = "silver-" + UUID.randomUUID().toString().substring(0, 8);
    String project = Projects.create("op-tier");
    admin()
        .body(Map.of("name", tier, "minKeepLast", 3, "windowEarliest", "22:00"))
        .post("/v1/admin/tiers")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("windowValid"));
    admin()
        .body(Map.of("name", tier, "description", "silver", "minKeepLast", 3))
        .post("/v1/admin/tiers")
        .then()
        .statusCode(201)
        .body("name", equalTo(tier))
        .body("minKeepLast", equalTo(3));
    admin().body(Map.of("name", tier)).post("/v1/admin/tiers").then().statusCode(409);
    admin().get("/v1/admin/tiers").then().statusCode(200).body("name", hasItem(tier));
    admin()
        .body(Map.of("minKeepLast", 5, "maxRunsPerDay", 4))
        .put("/v1/admin/tiers/" + tier)
        .then()
        .statusCode(200)
        .body("minKeepLast", equalTo(5))
        .body("maxRunsPerDay", equalTo(4))
        .body("description", nullValue());

    admin()
        .body(Map.of("tier", tier, "ownerEmail", "owner@example.org"))
        .put("/v1/admin/projects/" + project)
        .then()
        .statusCode(200)
        .body("tier", equalTo(tier))
        .body("ownerEmail", equalTo("owner@example.org"))
        .body("paused", equalTo(false));
    admin().get("/v1/admin/projects/" + project).then().statusCode(200).body("tier", equalTo(tier));
    admin()
        .body(Map.of("tier", "no-such-tier"))
        .put("/v1/admin/projects/" + project)
        .then()
        .statusCode(404);
    admin()
        .delete("/v1/admin/tiers/" + tier)
        .then()
        .statusCode(409)
        .body("code", equalTo("CONFLICT"));
    admin().body("{\"tier\": null}").put("/v1/admin/projects/" + project).then().statusCode(200);
    admin().delete("/v1/admin/tiers/" + tier).then().statusCode(204);
    admin().get("/v1/admin/tiers/" + tier).then().statusCode(404);

    JsonPath audit =
        admin().get("/v1/admin/audit?limit=500").then().statusCode(200).extract().jsonPath();
    List<Map<String, Object>> ofTier =
        audit.getList("items.findAll { it.resourceId == '" + tier + "' }");
    assertThat(ofTier)
        .extracting(e -> e.get("action"))
        .containsExactly("tier.delete", "tier.update", "tier.create");
    assertThat(ofTier.get(1)).extractingByKey("before").asString().contains("minKeepLast=3");
    assertThat(ofTier.get(1)).extractingByKey("after").asString().contains("minKeepLast=5");
    assertThat(ofTier).allSatisfy(e -> assertThat(e.get("actor")).isEqualTo("u-ops"));
  }

  @Test
  void pausingTheFleetRecordsWhoAndWhen() {
    try {
      admin()
          .post("/v1/admin/pause")
          .then()
          .statusCode(200)
          .body("paused", equalTo(true))
          .body("pausedBy", equalTo("u-ops"))
          .body("pausedAt", notNullValue());
      admin().get("/v1/admin/queue").then().statusCode(200).body("fleetPaused", equalTo(true));
    } finally {
      admin()
          .post("/v1/admin/resume")
          .then()
          .statusCode(200)
          .body("paused", equalTo(false))
          .body("pausedBy", nullValue());
    }
    List<String> actions =
        admin().get("/v1/admin/audit?limit=20").then().extract().jsonPath().getList("items.action");
    assertThat(actions).contains("fleet.pause", "fleet.resume");
  }

  @Test
  void pausedProjectRunsWaitCoverageAndQueueTellTheState() {
    String project = Projects.create("op-pause");
    policies.setProjectDefault(project, Projects.cron(NEVER, 3, MissedRunPolicy.SKIP));
    Target backedUp = activeTarget(project, "covered-db");
    Target never = activeTarget(project, "uncovered-db");

    admin()
        .post("/v1/admin/projects/" + project + "/pause")
        .then()
        .statusCode(200)
        .body("paused", equalTo(true));
    Run run =
        runs.createManual(
            backedUp.id, project, Db.read(() -> policies.effective(backedUp).orElseThrow().id));
    sleep(Duration.ofSeconds(4));
    Run waiting = Db.read(() -> runs.find(run.id).orElseThrow());
    assertThat(waiting.state).isEqualTo(RunState.PENDING);
    assertThat(waiting.startedAt).isNull();
    JsonPath paused = coverage(project);
    assertThat(paused.getList("targets.protection")).containsOnly("PAUSED");
    assertThat(paused.getInt("totals.PAUSED")).isEqualTo(2);

    admin().post("/v1/admin/projects/" + project + "/resume").then().statusCode(200);
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> Db.read(() -> runs.find(run.id).orElseThrow().state), RunState.SUCCEEDED::equals);

    JsonPath report = coverage(project);
    Map<String, Object> covered = instance(report, backedUp.externalId);
    Map<String, Object> uncovered = instance(report, never.externalId);
    assertThat(covered)
        .containsEntry("protection", "PROTECTED")
        .containsEntry("lastRunState", "SUCCEEDED");
    assertThat(covered.get("lastSuccessAt")).isNotNull();
    assertThat(uncovered).containsEntry("protection", "PENDING_FIRST_BACKUP");
    assertThat(uncovered.get("lastSuccessAt")).isNull();
    assertThat(report.getInt("totals.PROTECTED")).isEqualTo(1);
    assertThat(report.getInt("totals.PENDING_FIRST_BACKUP")).isEqualTo(1);
    assertThat(report.getInt("totals.NO_POLICY")).isZero();

    for (RequestSpecification csv :
        List.of(
            admin().accept("text/csv").queryParam("project", project),
            admin().queryParam("format", "csv").queryParam("project", project))) {
      String body =
          csv.get("/v1/admin/coverage")
              .then()
              .statusCode(200)
              .contentType("text/csv")
              .header("Content-Disposition", "attachment; filename=\"coverage.csv\"")
              .extract()
              .asString();
      List<String> lines = body.lines().toList();
      assertThat(lines.get(0)).isEqualTo(CoverageCsv.HEADER);
      assertThat(lines).hasSize(3);
      assertThat(lines)
          .anySatisfy(
              l ->
                  assertThat(l)
                      .startsWith(
                          project
                              + ",TROVE_INSTANCE,"
                              + backedUp.externalId
                              + ",covered-db,ACTIVE,PROTECTED,"))
          .anySatisfy(
              l ->
                  assertThat(l)
                      .startsWith(
                          project
                              + ",TROVE_INSTANCE,"
                              + never.externalId
                              + ",uncovered-db,ACTIVE,PENDING_FIRST_BACKUP,"));
    }

    admin()
        .get("/v1/admin/queue")
        .then()
        .statusCode(200)
        .body("queueDepth", notNullValue())
        .body("waitingForSlot", notNullValue())
        .body("active", notNullValue())
        .body("recentFailures", notNullValue());

    JsonPath audit =
        admin()
            .queryParam("project", project)
            .get("/v1/admin/audit")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(audit.getList("items.action")).containsExactly("project.resume", "project.pause");
    assertThat(audit.getBoolean("items[1].before.paused")).isFalse();
    assertThat(audit.getBoolean("items[1].after.paused")).isTrue();
    assertThat(audit.getString("items[1].actor")).isEqualTo("u-ops");
    JsonPath first =
        admin()
            .queryParam("project", project)
            .queryParam("limit", 1)
            .get("/v1/admin/audit")
            .then()
            .extract()
            .jsonPath();
    assertThat(first.getList("items.action")).containsExactly("project.resume");
    admin()
        .queryParam("project", project)
        .queryParam("limit", 1)
        .queryParam("cursor", first.getString("nextCursor"))
        .get("/v1/admin/audit")
        .then()
        .body("items.action", org.hamcrest.Matchers.contains("project.pause"));
    admin().queryParam("cursor", "garbage").get("/v1/admin/audit").then().statusCode(400);
  }

  @Test
  void theGlobalDefaultIsReadValidatedAndAudited() {
    Map<String, Object> current =
        new HashMap<>(
            admin().get("/v1/admin/policy").then().statusCode(200).extract().jsonPath().getMap(""));
    current.remove("id");
    current.remove("updatedAt");

    Map<String, Object> bad = new HashMap<>(current);
    bad.put("keepLast", 0);
    bad.put("timeZone", "Mars/Olympus");
    admin()
        .body(bad)
        .put("/v1/admin/policy")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", org.hamcrest.Matchers.hasItems("keepLast", "timeZone"));
    admin().body("{\"bogus\": 1}").put("/v1/admin/policy").then().statusCode(400);

    admin()
        .body(current)
        .put("/v1/admin/policy")
        .then()
        .statusCode(200)
        .body("name", equalTo(current.get("name")));
    JsonPath audit = admin().get("/v1/admin/audit?limit=10").then().extract().jsonPath();
    Map<String, Object> entry = audit.getMap("items.find { it.action == 'policy.update' }");
    assertThat(entry).containsEntry("resourceId", "GLOBAL").containsEntry("actor", "u-ops");
    assertThat(entry.get("before")).isNotNull();
    assertThat(entry.get("after")).isNotNull();
  }

  private JsonPath coverage(String project) {
    return admin()
        .queryParam("project", project)
        .get("/v1/admin/coverage")
        .then()
        .statusCode(200)
        .contentType("application/json")
        .extract()
        .jsonPath();
  }

  private static Map<String, Object> instance(JsonPath report, String instanceId) {
    return report.getMap("targets.find { it.id == '" + instanceId + "' }");
  }

  private Target activeTarget(String project, String name) {
    InstanceInfo instance = TestInfrastructure.region().createInstance(project, name);
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                TestInfrastructure.region()
                    .instance(project, instance.id())
                    .map(i -> "ACTIVE".equals(i.status()))
                    .orElse(false));
    return Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                Db.read(
                    () ->
                        targets
                            .findByExternalId(TargetKind.TROVE_INSTANCE, instance.id())
                            .filter(t -> "ACTIVE".equals(t.status))
                            .orElse(null)),
            t -> t != null);
  }

  private RequestSpecification admin() {
    return given().header("X-Auth-Token", ops).contentType("application/json");
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
