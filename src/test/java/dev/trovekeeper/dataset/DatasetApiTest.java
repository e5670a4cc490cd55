package dev.trovekeeper.dataset;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.icegreen.greenmail.util.GreenMail;
import dev.trovekeeper.auth.AuthTestConfig;
import dev.trovekeeper.demo.DemoSeed;
import dev.trovekeeper.events.EventTypes;
import dev.trovekeeper.events.OutboxRepository;
import dev.trovekeeper.inventory.TargetKind;
import dev.trovekeeper.inventory.TargetRepository;
import dev.trovekeeper.schedule.ScheduleRepository;
import dev.trovekeeper.testing.Db;
import dev.trovekeeper.testing.KeystoneTokens;
import dev.trovekeeper.testing.TenantData;
import dev.trovekeeper.testing.TestInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tenant's dataset API on the real service: register, list, show, change, suspend, resume,
 * delete with the owner's confirmation, policy, backup now; bad input refused naming the field with
 * nothing changed; credentials never in an answer or the log.
 */
@QuarkusTest
class DatasetApiTest {

  static final String API_KEY = "shop-api-key-never-shown-7f3a";
  static final String DB_PASSWORD = "sql-password-never-shown-91c2";

  private static final Pattern LINK =
      Pattern.compile("http://keeper\\.test/v1/deletions/confirm\\?token=([A-Za-z0-9_.-]+)");

  @Inject TargetRepository targets;
  @Inject ScheduleRepository schedules;
  @Inject OutboxRepository outbox;

  private final GreenMail mail = TestInfrastructure.smtp().greenMail();
  private final List<String> logged = new CopyOnWriteArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          String message = new java.util.logging.SimpleFormatter().formatMessage(record);
          logged.add(message + (record.getThrown() == null ? "" : " " + record.getThrown()));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void captureLog() throws Exception {
    mail.purgeEmailFromAllMailboxes();
    java.util.logging.Logger.getLogger("").addHandler(capture);
  }

  @AfterEach
  void noSecretLogged() {
    java.util.logging.Logger.getLogger("").removeHandler(capture);
    assertThat(logged).noneMatch(m -> m.contains(API_KEY) || m.contains(DB_PASSWORD));
  }

  @Test
  void registerListShowChangeAndTheDatasetGetsPolicyAndSchedule() {
    String id = register(restDataset("shop-a")).then().statusCode(201).extract().path("id");
    assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    String shown =
        alice()
            .get("/v1/datasets/" + id)
            .then()
            .statusCode(200)
            .body("name", equalTo("shop-a"))
            .body("projectId", equalTo(DemoSeed.PROJECT_A_ID))
            .body("source.kind", equalTo("REST"))
            .body("source.config.auth.header", equalTo("X-Shop-Key"))
            .body("credentialsSet", equalTo(true))
            .body("status", equalTo("ACTIVE"))
            .body("suspension", nullValue())
            .body("protection", equalTo("PENDING_FIRST_BACKUP"))
            .body("effectivePolicy.scope", notNullValue())
            .body("nextBackupAt", notNullValue())
            .extract()
            .asString();
    assertThat(shown).doesNotContain(API_KEY).doesNotContain("apiKey");
    // A dataset is a target: the project's policy and a schedule, as a new instance gets.
    long targetId =
        Db.read(() -> targets.findByExternalId(TargetKind.DATASET, id).orElseThrow().id);
    assertThat(Db.read(() -> schedules.findByTarget(targetId).orElseThrow().enabled)).isTrue();
    // ... and says so in the policy.assigned event, naming the dataset as a dataset
    List<String> assigned =
        Db.read(
            () ->
                outbox
                    .list(
                        "subject = ?1 and eventType = ?2",
                        EventTypes.targetSubject(targetId),
                        EventTypes.POLICY_ASSIGNED)
                    .stream()
                    .map(e -> e.payload)
                    .toList());
    assertThat(assigned)
        .singleElement()
        .satisfies(
            p ->
                assertThat(p)
                    .contains("\"datasetId\":\"" + id + "\"")
                    .doesNotContain("instanceId"));

    String second = register(restDataset("shop-b")).then().statusCode(201).extract().path("id");
    Response page = alice().queryParam("limit", 1).get("/v1/datasets");
    String cursor = page.then().statusCode(200).extract().path("nextCursor");
    assertThat(cursor).isNotNull();
    alice()
        .queryParam("limit", 500)
        .get("/v1/datasets")
        .then()
        .statusCode(200)
        .body("items.id", hasItem(id))
        .body("items.id", hasItem(second));
    alice().queryParam("cursor", cursor).get("/v1/datasets").then().statusCode(200);
    bob().queryParam("cursor", cursor).get("/v1/datasets").then().statusCode(400);
    bob()
        .queryParam("limit", 500)
        .get("/v1/datasets")
        .then()
        .statusCode(200)
        .body("items.id", org.hamcrest.Matchers.not(hasItem(id)));
    bob().get("/v1/datasets/" + id).then().statusCode(404);

    String changed =
        alice()
            .contentType("application/json")
            .body(
                "{\"name\": \"shop-renamed\", \"credentials\": {\"apiKey\": \""
                    + API_KEY
                    + "-2\"}}")
            .patch("/v1/datasets/" + id)
            .then()
            .statusCode(200)
            .body("name", equalTo("shop-renamed"))
            .body("credentialsSet", equalTo(true))
            .extract()
            .asString();
    assertThat(changed).doesNotContain(API_KEY);
    // A source of another kind needs credentials of that kind: the stored API key does not fit.
    problem(
        alice()
            .contentType("application/json")
            .body("{\"source\": " + sqlSource("acme") + "}")
            .patch("/v1/datasets/" + id),
        "credentials");
    alice()
        .contentType("application/json")
        .body(
            "{\"source\": "
                + sqlSource("acme")
                + ", \"credentials\": {\"username\": \"root\", \"password\": \""
                + DB_PASSWORD
                + "\"}}")
        .patch("/v1/datasets/" + id)
        .then()
        .statusCode(200)
        .body("source.kind", equalTo("SQL"))
        .body("source.config.tenantValue", equalTo("acme"));
  }

  @Test
  void badInputIsRefusedNamingTheFieldAndChangesNothing() {
    String id = register(restDataset("shop-bad")).then().statusCode(201).extract().path("id");
    String before = alice().get("/v1/datasets/" + id).asString();
    long count = Db.read(() -> targets.count("kind", TargetKind.DATASET));

    String badPath = restDataset("x").replace("\"path\": \"/products\"", "\"path\": \"products\"");
    problem(register(badPath), "source.config.entities[0].path");
    problem(register(restDataset("x").replace("\"REST\"", "\"FTP\"")), "source.kind");
    problem(register(restDataset("x").replace("\"apiKey\"", "\"apikey\"")), "credentials");
    problem(register(restDataset("x").replace("\"name\": \"x\"", "\"name\": \"\"")), "name");
    problem(
        register(restDataset("x").replace("}}\n", "}, \"policy\": {\"name\": \"p\"}}\n")),
        "policy.scheduleKind");
    problem(alice().queryParam("cursor", "garbage!").get("/v1/datasets"), "cursor");
    problem(alice().queryParam("status", "GONE").get("/v1/datasets"), "status");
    problem(
        alice()
            .contentType("application/json")
            .body("{\"name\": \"n\", \"source\": {\"kind\": \"REST\", \"config\": {}}}")
            .patch("/v1/datasets/" + id),
        "source.config.baseUrl");

    assertThat(alice().get("/v1/datasets/" + id).asString()).isEqualTo(before);
    assertThat(Db.read(() -> targets.count("kind", TargetKind.DATASET))).isEqualTo(count);
  }

  @Test
  void suspendAndResumeByTheTenant() {
    String id = register(restDataset("shop-s")).then().statusCode(201).extract().path("id");
    alice()
        .post("/v1/datasets/" + id + "/suspend")
        .then()
        .statusCode(200)
        .body("status", equalTo("SUSPENDED"))
        .body("suspension.reasonCode", equalTo("BY_TENANT"))
        .body("suspension.by", equalTo(DemoSeed.userId(DemoSeed.ALICE)))
        .body("suspension.at", notNullValue());
    alice()
        .queryParam("status", "SUSPENDED")
        .get("/v1/datasets")
        .then()
        .body("items.id", hasItem(id));
    rita().post("/v1/datasets/" + id + "/resume").then().statusCode(403);
    alice()
        .post("/v1/datasets/" + id + "/resume")
        .then()
        .statusCode(200)
        .body("status", equalTo("ACTIVE"))
        .body("suspension", nullValue());
  }

  @Test
  void policyAndBackupNowAsForAnInstance() {
    String id = register(restDataset("shop-p")).then().statusCode(201).extract().path("id");
    alice().get("/v1/datasets/" + id + "/policy").then().statusCode(404);
    alice()
        .contentType("application/json")
        .body(TenantData.OVERRIDE)
        .put("/v1/datasets/" + id + "/policy")
        .then()
        .statusCode(200)
        .body("scope", equalTo("TARGET"))
        .body("datasetId", equalTo(id))
        .body("name", equalTo("override"));
    alice()
        .get("/v1/datasets/" + id)
        .then()
        .body("effectivePolicy.scope", equalTo("TARGET"))
        .body("effectivePolicy.name", equalTo("override"));

    Response queued = alice().post("/v1/datasets/" + id + "/backups");
    queued.then().statusCode(202).body("datasetId", equalTo(id)).body("trigger", equalTo("MANUAL"));
    String runId = queued.path("id");
    assertThat(queued.header("Location")).endsWith("/v1/runs/" + runId);
    alice()
        .get("/v1/datasets/" + id + "/runs")
        .then()
        .statusCode(200)
        .body("items[0].id", equalTo(runId));
    alice()
        .get("/v1/runs/" + runId)
        .then()
        .statusCode(200)
        .body("datasetId", equalTo(id))
        .body("instanceId", nullValue());
    alice().get("/v1/datasets/" + id + "/backups").then().statusCode(200);
    bob().post("/v1/datasets/" + id + "/backups").then().statusCode(404);

    alice().delete("/v1/datasets/" + id + "/policy").then().statusCode(204);
    alice().get("/v1/datasets/" + id + "/policy").then().statusCode(404);
  }

  @Test
  void deletingNeedsTheOwnersConfirmation() throws Exception {
    String id = register(restDataset("shop-d")).then().statusCode(201).extract().path("id");
    bob().delete("/v1/datasets/" + id).then().statusCode(404);
    alice()
        .delete("/v1/datasets/" + id)
        .then()
        .statusCode(202)
        .body("datasetId", equalTo(id))
        .body("sentTo", equalTo("o***@keeper.test"));
    String token = tokenIn(awaitOneMail());
    // Until the owner confirms, nothing is deleted; the review deletes nothing either.
    given()
        .accept("application/json")
        .queryParam("token", token)
        .get("/v1/deletions/confirm")
        .then()
        .statusCode(200)
        .body("dataset.id", equalTo(id))
        .body("dataset.name", equalTo("shop-d"));
    alice().get("/v1/datasets/" + id).then().body("status", equalTo("ACTIVE"));

    given()
        .contentType("application/json")
        .body("{\"token\": \"" + token + "\"}")
        .post("/v1/deletions/confirm")
        .then()
        .statusCode(200)
        .body("datasetId", equalTo(id));
    alice()
        .get("/v1/datasets/" + id)
        .then()
        .statusCode(200)
        .body("status", equalTo("DELETED"))
        .body("protection", equalTo("DELETED"))
        .body("deletedAt", notNullValue());
    long targetId =
        Db.read(() -> targets.findByExternalId(TargetKind.DATASET, id).orElseThrow().id);
    assertThat(Db.read(() -> schedules.findByTarget(targetId).orElseThrow().enabled)).isFalse();
    given()
        .contentType("application/json")
        .body("{\"token\": \"" + token + "\"}")
        .post("/v1/deletions/confirm")
        .then()
        .statusCode(409);
    alice().post("/v1/datasets/" + id + "/backups").then().statusCode(409);
    alice()
        .contentType("application/json")
        .body("{\"name\": \"again\"}")
        .patch("/v1/datasets/" + id)
        .then()
        .statusCode(409);
  }

  @Test
  void sqlDatasetCredentialsAreNeverReturned() {
    String body =
        "{\"name\": \"shared-acme\", \"source\": "
            + sqlSource("acme")
            + ", \"credentials\": {\"username\": \"root\", \"password\": \""
            + DB_PASSWORD
            + "\"}}";
    Response created = register(body);
    created.then().statusCode(201).body("credentialsSet", equalTo(true));
    assertThat(created.asString()).doesNotContain(DB_PASSWORD).doesNotContain("password");
    assertThat(alice().get("/v1/datasets").asString()).doesNotContain(DB_PASSWORD);
    assertThat(operator().get("/v1/admin/audit?limit=500").asString())
        .doesNotContain(DB_PASSWORD)
        .doesNotContain(API_KEY);
  }

  static String restDataset(String name) {
    return """
        {"name": "%s", "source": {"kind": "REST", "config": {"baseUrl": "http://127.0.0.1:9/api",
          "auth": {"type": "API_KEY", "header": "X-Shop-Key"},
          "rateLimit": {"requests": 5, "window": "PT1S"}, "paging": {"type": "PAGE", "limit": 50},
          "entities": [{"name": "products", "path": "/products", "items": "/products"}]}},
         "credentials": {"apiKey": "%s"}}
        """
        .formatted(name, API_KEY);
  }

  static String sqlSource(String tenant) {
    return """
        {"kind": "SQL", "config": {"jdbcUrl": "jdbc:mariadb://127.0.0.1:3306/shop_shared",
          "tenantColumn": "tenant_id", "tenantValue": "%s", "tables": ["customers", "orders"]}}
        """
        .formatted(tenant);
  }

  private static Response register(String body) {
    return alice().contentType("application/json").body(body).post("/v1/datasets");
  }

  private static void problem(Response response, String field) {
    String what = response.statusCode() + " " + response.asString();
    assertThat(response.statusCode()).as(what).isBetween(400, 499);
    assertThat(response.contentType()).as(what).startsWith("application/problem+json");
    assertThat(response.jsonPath().getList("errors.field", String.class))
        .as(what)
        .anyMatch(f -> f.equals(field) || f.startsWith(field + "."));
    assertThat(response.asString()).doesNotContain(API_KEY).doesNotContain(DB_PASSWORD);
  }

  private MimeMessage awaitOneMail() {
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> mail.getReceivedMessages().length >= 1);
    MimeMessage message = mail.getReceivedMessages()[0];
    try {
      assertThat(message.getAllRecipients()[0].toString()).isEqualTo(AuthTestConfig.OWNER_A);
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
    return message;
  }

  private static String tokenIn(MimeMessage message) throws Exception {
    Object content = message.getContent();
    String text =
        content instanceof String s
            ? s
            : new String(message.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    Matcher link = LINK.matcher(text);
    assertThat(link.find()).as("link in %s", text).isTrue();
    return link.group(1);
  }

  private static RequestSpecification alice() {
    return given().header("X-Auth-Token", token(DemoSeed.ALICE, DemoSeed.ALICE_PASSWORD, "a"));
  }

  private static RequestSpecification rita() {
    return given().header("X-Auth-Token", token(DemoSeed.RITA, DemoSeed.RITA_PASSWORD, "a"));
  }

  private static RequestSpecification bob() {
    return given().header("X-Auth-Token", token(DemoSeed.BOB, DemoSeed.BOB_PASSWORD, "b"));
  }

  private static RequestSpecification operator() {
    return given().header("X-Auth-Token", KeystoneTokens.issue("ops", "ops-secret", "service"));
  }

  private static String token(String user, String password, String project) {
    return KeystoneTokens.issue(
        user, password, "a".equals(project) ? DemoSeed.PROJECT_A_ID : DemoSeed.PROJECT_B_ID);
  }
}
