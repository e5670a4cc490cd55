package dev.trovekeeper.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import com.icegreen.greenmail.util.GreenMail;
import dev.trovekeeper.demo.BackupInfo;
import dev.trovekeeper.demo.DemoSeed;
import dev.trovekeeper.inventory.DiscoverySource;
import dev.trovekeeper.inventory.Target;
import dev.trovekeeper.inventory.TargetKind;
import dev.trovekeeper.inventory.TargetRepository;
import dev.trovekeeper.retention.RetentionExecutor;
import dev.trovekeeper.run.Artifact;
import dev.trovekeeper.run.ArtifactOrigin;
import dev.trovekeeper.run.BackupType;
import dev.trovekeeper.testing.Db;
import dev.trovekeeper.testing.KeystoneTokens;
import dev.trovekeeper.testing.Projects;
import dev.trovekeeper.testing.Tenant;
import dev.trovekeeper.testing.TestInfrastructure;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Deleting backups from the API: the owner gets a single-use signed link by mail (GreenMail), the
 * link shows what would be deleted, posting its token confirms, and the backups go from Trove (or
 * end DELETE_FAILED and are asked for again).
 */
@QuarkusTest
class DeletionConfirmationTest {

  private static final Pattern LINK =
      Pattern.compile("http://keeper\\.test/v1/deletions/confirm\\?token=([A-Za-z0-9_.-]+)");

  @Inject EntityManager em;
  @Inject RetentionExecutor retention;
  @Inject TargetRepository targets;

  private final GreenMail mail = TestInfrastructure.smtp().greenMail();

  @BeforeEach
  void noMail() throws Exception {
    mail.purgeEmailFromAllMailboxes();
  }

  @Test
  void memberRequestsOwnerReviewsConfirmsOnceAndArtifactsAreMarked() throws Exception {
    List<String> ids = artifacts(DemoSeed.PROJECT_A_ID, 2);
    request(alice(), ids)
        .statusCode(202)
        .body("projectId", equalTo(DemoSeed.PROJECT_A_ID))
        .body("sentTo", equalTo("o***@keeper.test"));

    MimeMessage message = awaitOneMail();
    assertThat(message.getAllRecipients()[0].toString()).isEqualTo(AuthTestConfig.OWNER_A);
    String token = tokenIn(message);
    assertThat(statuses(ids)).containsOnly("COMPLETED");

    // Opening the link, as a mail scanner does, shows what would be deleted and deletes nothing.
    String page =
        given()
            .accept("text/html")
            .queryParam("token", token)
            .get("/v1/deletions/confirm")
            .then()
            .statusCode(200)
            .contentType(containsString("text/html"))
            .header("Cache-Control", "no-store")
            .header("Referrer-Policy", "no-referrer")
            .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
            .extract()
            .asString();
    assertThat(page)
        .contains("<form method=\"post\" action=\"confirm\">")
        .contains("name=\"token\" value=\"" + token + "\"")
        .contains("backup " + ids.get(0))
        .contains(DemoSeed.PROJECT_A_ID);
    review(token)
        .statusCode(200)
        .body("projectId", equalTo(DemoSeed.PROJECT_A_ID))
        .body("backups.id", contains(ids.get(0), ids.get(1)))
        .body("requester", equalTo(DemoSeed.userId(DemoSeed.ALICE)))
        .body("confirm", equalTo("POST /v1/deletions/confirm"));
    assertThat(statuses(ids)).containsOnly("COMPLETED");

    // The page's button posts the token as a form.
    given()
        .contentType("application/x-www-form-urlencoded")
        .formParam("token", token)
        .post("/v1/deletions/confirm")
        .then()
        .statusCode(200)
        .contentType(containsString("text/html"))
        .body(containsString("are being deleted"));
    assertThat(statuses(ids)).containsOnly("DELETING");

    refused(confirm(token), 409, "CONFIRMATION_USED");
    refused(review(token), 409, "CONFIRMATION_USED");
  }

  @Test
  void aJsonClientConfirmsWithThePostedToken() throws Exception {
    List<String> ids = artifacts(DemoSeed.PROJECT_A_ID, 1);
    request(alice(), ids).statusCode(202);
    String token = tokenIn(awaitOneMail());
    refused(
        given().contentType("application/json").body("{}").post("/v1/deletions/confirm").then(),
        400,
        "VALIDATION_FAILED");
    confirm(token)
        .statusCode(200)
        .body("projectId", equalTo(DemoSeed.PROJECT_A_ID))
        .body("artifactIds", contains(ids.get(0)))
        .body("requester", equalTo(DemoSeed.userId(DemoSeed.ALICE)));
    assertThat(statuses(ids)).containsOnly("DELETING");
  }

  @Test
  void theMailIsLoggedWithoutItsLink() throws Exception {
    assertThat(org.jboss.logging.Logger.getLogger("quarkus-mailer").isInfoEnabled())
        .as("the mock mailer logs whole mails at INFO")
        .isFalse();
    List<LogRecord> records = new CopyOnWriteArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            records.add(record);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
    root.addHandler(capture);
    try {
      request(alice(), artifacts(DemoSeed.PROJECT_A_ID, 1)).statusCode(202);
      String token = tokenIn(awaitOneMail());
      assertThat(records)
          .extracting(r -> new java.util.logging.SimpleFormatter().formatMessage(r))
          .anySatisfy(m -> assertThat(m).contains(AuthTestConfig.OWNER_A).contains("Confirm"))
          .noneSatisfy(m -> assertThat(m).contains(token))
          .noneSatisfy(m -> assertThat(m).contains("/v1/deletions/confirm?token="));
    } finally {
      root.removeHandler(capture);
    }
  }

  @Test
  void aConfirmedDeletionIsCarriedOutInTrove() throws Exception {
    Tenant tenant = Tenant.create("del-trove", 1);
    setOwner(tenant.projectId, "owner-trove@keeper.test");
    String instance = tenant.instance(0);
    String run =
        tenant
            .asMember()
            .post("/v1/instances/" + instance + "/backups")
            .then()
            .statusCode(202)
            .extract()
            .path("id")
            .toString();
    String backupId =
        Awaitility.await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> tenant.asReader().get("/v1/runs/" + run).then().extract().jsonPath(),
                json -> "SUCCEEDED".equals(json.getString("state")))
            .getString("backupId");
    assertThat(inTrove(tenant.projectId, backupId)).isPresent();
    List<String> ids = List.of(artifactOf(backupId));

    confirmDeletion(tenant, ids);
    assertThat(statuses(ids)).containsOnly("DELETING");
    assertThat(inTrove(tenant.projectId, backupId)).as("nothing before the executor").isPresent();

    long target = targetOf(instance);
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              retention.apply(target);
              return inTrove(tenant.projectId, backupId).isEmpty()
                  && statuses(ids).equals(List.of("DELETED"));
            });
  }

  @Test
  void aDeletionTroveRefusesEndsDeleteFailedAndIsRequestedAgain() throws Exception {
    Tenant tenant = Tenant.create("del-fail", 1);
    setOwner(tenant.projectId, "owner-fail@keeper.test");
    String instance = tenant.instance(0);
    // The demo region fails the delete of a backup named ...DELETE_FAIL, as Trove does when the
    // object store refuses.
    String backupId =
        given()
            .baseUri(TestInfrastructure.region().troveUrl(tenant.projectId))
            .header("X-Auth-Token", tenant.memberToken)
            .contentType("application/json")
            .body(Map.of("backup", Map.of("name", "kept-DELETE_FAIL", "instance", instance)))
            .post("/backups")
            .then()
            .statusCode(202)
            .extract()
            .path("backup.id");
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                inTrove(tenant.projectId, backupId)
                    .map(b -> "COMPLETED".equals(b.status()))
                    .orElse(false));
    long target = targetOf(instance);
    List<String> ids = List.of(troveArtifact(target, tenant.projectId, backupId));

    confirmDeletion(tenant, ids);
    retention.apply(target);
    // Trove deletes in the background after its 202: the outcome is polled, not answered at once.
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(statuses(ids)).containsOnly("DELETE_FAILED"));
    assertThat(inTrove(tenant.projectId, backupId))
        .get()
        .extracting(b -> b.status())
        .isEqualTo("DELETE_FAILED");
    long deletes = deletesOf(backupId);
    assertThat(deletes).isGreaterThanOrEqualTo(1);

    // The next pass (the sweep) asks Trove again, and keeps telling the truth.
    retention.apply(target);
    assertThat(deletesOf(backupId)).isGreaterThan(deletes);
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(statuses(ids)).containsOnly("DELETE_FAILED"));
    tenant
        .asReader()
        .get("/v1/instances/" + instance + "/backups")
        .then()
        .statusCode(200)
        .body("items.find { it.backupId == '" + backupId + "' }.status", equalTo("DELETE_FAILED"));
  }

  @Test
  void expiredTokenIsRefused() {
    List<String> ids = artifacts(DemoSeed.PROJECT_A_ID, 1);
    String token = signed(UUID.randomUUID().toString(), ids, Instant.now().minusSeconds(60));
    refused(confirm(token), 410, "CONFIRMATION_EXPIRED");
  }

  @Test
  void tamperedTokenIsRefused() throws Exception {
    List<String> ids = artifacts(DemoSeed.PROJECT_A_ID, 1);
    request(alice(), ids).statusCode(202);
    String token = tokenIn(awaitOneMail());
    String[] parts = token.split("\\.");
    char c = parts[1].charAt(10);
    parts[1] = parts[1].substring(0, 10) + (c == 'A' ? 'B' : 'A') + parts[1].substring(11);
    refused(confirm(String.join(".", parts)), 400, "CONFIRMATION_INVALID");
    refused(confirm("not-a-token"), 400, "CONFIRMATION_INVALID");
    refused(given().when().get("/v1/deletions/confirm").then(), 400, "CONFIRMATION_INVALID");
    refused(review(String.join(".", parts)), 400, "CONFIRMATION_INVALID");
    assertThat(statuses(ids)).containsOnly("COMPLETED");
  }

  @Test
  void correctlySignedTokenWithUnknownNonceIsRefused() {
    List<String> ids = artifacts(DemoSeed.PROJECT_A_ID, 1);
    String token = signed(UUID.randomUUID().toString(), ids, Instant.now().plusSeconds(600));
    refused(confirm(token), 400, "CONFIRMATION_INVALID");
    assertThat(statuses(ids)).containsOnly("COMPLETED");
  }

  @Test
  void readerMayNotRequest() {
    List<String> ids = artifacts(DemoSeed.PROJECT_A_ID, 1);
    String rita =
        KeystoneTokens.issue(DemoSeed.RITA, DemoSeed.RITA_PASSWORD, DemoSeed.PROJECT_A_ID);
    refused(request(rita, ids), 403, "FORBIDDEN");
    assertThat(mail.getReceivedMessages()).isEmpty();
  }

  @Test
  void anotherProjectsArtifactsAreNotFoundAndNothingIsMailed() {
    List<String> own = artifacts(DemoSeed.PROJECT_A_ID, 1);
    List<String> foreign = artifacts(DemoSeed.PROJECT_B_ID, 1);
    String foreignAnswer =
        refused(request(alice(), List.of(own.get(0), foreign.get(0))), 404, "NOT_FOUND")
            .extract()
            .path("detail");
    String freeAnswer =
        refused(request(alice(), List.of(UUID.randomUUID().toString())), 404, "NOT_FOUND")
            .extract()
            .path("detail");
    assertThat(foreignAnswer)
        .as("another project's backup answers as a free id")
        .isEqualTo(freeAnswer);
    // Operators too: a free id is not found, not "more than one project".
    refused(request(ops(), List.of(UUID.randomUUID().toString())), 404, "NOT_FOUND");
    refused(request(alice(), List.of("1")), 400, "VALIDATION_FAILED");
    assertThat(mail.getReceivedMessages()).isEmpty();
  }

  @Test
  void projectWithoutOwnerAddressIsUnprocessable() {
    List<String> ids = artifacts(DemoSeed.PROJECT_B_ID, 1);
    String bob = KeystoneTokens.issue(DemoSeed.BOB, DemoSeed.BOB_PASSWORD, DemoSeed.PROJECT_B_ID);
    refused(request(bob, ids), 422, "OWNER_EMAIL_UNKNOWN");
  }

  @Test
  void theOwnerAnOperatorRecordedConfirms() throws Exception {
    String project = Projects.create("owner");
    String member = "m-" + UUID.randomUUID().toString().substring(0, 8);
    TestInfrastructure.region().addUser(member, "pw", project, DemoSeed.ROLE_MEMBER);
    String token = KeystoneTokens.issue(member, "pw", project);
    List<String> ids = artifacts(project, 1);
    refused(request(token, ids), 422, "OWNER_EMAIL_UNKNOWN")
        .body("detail", containsString("ask your cloud operator"))
        .body("detail", not(containsString("keeper.auth")));

    given()
        .header("X-Auth-Token", ops())
        .contentType("application/json")
        .body("{\"ownerEmail\": \"boss@keeper.test\"}")
        .put("/v1/admin/projects/" + project)
        .then()
        .statusCode(200);
    request(token, ids).statusCode(202).body("sentTo", equalTo("b***@keeper.test"));
    assertThat(awaitOneMail().getAllRecipients()[0].toString()).isEqualTo("boss@keeper.test");
  }

  @Test
  void emptyRequestIsInvalid() {
    refused(request(alice(), List.of()), 400, "VALIDATION_FAILED");
  }

  private void confirmDeletion(Tenant tenant, List<String> ids) throws Exception {
    request(tenant.memberToken, ids).statusCode(202);
    confirm(tokenIn(awaitOneMail())).statusCode(200);
  }

  private static void setOwner(String project, String email) {
    given()
        .header("X-Auth-Token", ops())
        .contentType("application/json")
        .body(Map.of("ownerEmail", email))
        .put("/v1/admin/projects/" + project)
        .then()
        .statusCode(200);
  }

  private static Optional<BackupInfo> inTrove(String project, String backupId) {
    return TestInfrastructure.region().backups(project).stream()
        .filter(b -> b.id().equals(backupId))
        .findFirst();
  }

  private static long deletesOf(String backupId) {
    return TestInfrastructure.region().requests().entries().stream()
        .filter(e -> "DELETE".equals(e.method()) && e.path().endsWith("/backups/" + backupId))
        .count();
  }

  private long targetOf(String instance) {
    return Db.read(() -> targets.findByExternalId(TargetKind.TROVE_INSTANCE, instance).get().id);
  }

  private String artifactOf(String backupId) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                em.createQuery(
                        "select a.publicId from Artifact a where a.externalId = :b", String.class)
                    .setParameter("b", backupId)
                    .getSingleResult());
  }

  /** An artifact for a backup made in Trove outside the service, on a Trove instance's target. */
  private String troveArtifact(long targetId, String projectId, String backupId) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              Instant now = Instant.now();
              Artifact artifact = new Artifact();
              artifact.targetId = targetId;
              artifact.projectId = projectId;
              artifact.externalId = backupId;
              artifact.backupType = BackupType.FULL;
              artifact.origin = ArtifactOrigin.SCHEDULED;
              artifact.status = "COMPLETED";
              artifact.createdAt = now;
              artifact.updatedAt = now;
              em.persist(artifact);
              return artifact.publicId;
            });
  }

  private static String ops() {
    return KeystoneTokens.issue(DemoSeed.OPS, DemoSeed.OPS_PASSWORD, DemoSeed.SERVICE_PROJECT_ID);
  }

  private static String alice() {
    return KeystoneTokens.issue(DemoSeed.ALICE, DemoSeed.ALICE_PASSWORD, DemoSeed.PROJECT_A_ID);
  }

  private static ValidatableResponse request(String keystoneToken, List<String> ids) {
    return given()
        .header("X-Auth-Token", keystoneToken)
        .contentType("application/json")
        .body(java.util.Map.of("artifactIds", ids))
        .when()
        .post("/v1/deletions")
        .then();
  }

  /** Confirms as a JSON client: the token in the POST body. */
  private static ValidatableResponse confirm(String token) {
    return given()
        .contentType("application/json")
        .body(java.util.Map.of("token", token))
        .when()
        .post("/v1/deletions/confirm")
        .then();
  }

  /** What the link shows, as JSON. */
  private static ValidatableResponse review(String token) {
    return given()
        .accept("application/json")
        .queryParam("token", token)
        .when()
        .get("/v1/deletions/confirm")
        .then();
  }

  private static ValidatableResponse refused(
      ValidatableResponse response, int status, String code) {
    return response
        .statusCode(status)
        .contentType("application/problem+json")
        .body("code", equalTo(code));
  }

  private MimeMessage awaitOneMail() {
    assertThat(mail.waitForIncomingEmail(10_000, 1)).isTrue();
    MimeMessage[] messages = mail.getReceivedMessages();
    assertThat(messages).hasSize(1);
    return messages[0];
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

  /** A token signed with the configured key, as only the service should make. */
  private static String signed(String nonce, List<String> ids, Instant expiresAt) {
    JwtClaims claims = new JwtClaims();
    claims.setIssuer(ConfirmationTokens.ISSUER);
    claims.setAudience(ConfirmationTokens.AUDIENCE);
    claims.setSubject(DemoSeed.userId(DemoSeed.ALICE));
    claims.setJwtId(nonce);
    claims.setExpirationTime(NumericDate.fromMilliseconds(expiresAt.toEpochMilli()));
    claims.setClaim("project_id", DemoSeed.PROJECT_A_ID);
    claims.setClaim("artifact_ids", ids);
    JsonWebSignature jws = new JsonWebSignature();
    jws.setPayload(claims.toJson());
    jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
    jws.setKey(new HmacKey(AuthTestConfig.CONFIRMATION_KEY.getBytes(StandardCharsets.UTF_8)));
    try {
      return jws.getCompactSerialization();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private List<String> artifacts(String projectId, int count) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              Instant now = Instant.now();
              Target target = new Target();
              // A dataset, so the Trove reconcile of other tests leaves it alone.
              target.kind = TargetKind.DATASET;
              target.projectId = projectId;
              target.externalId = "auth-test-" + UUID.randomUUID();
              target.name = "auth-test";
              target.status = "ACTIVE";
              target.discoveredBy = DiscoverySource.API;
              target.createdAt = now;
              target.updatedAt = now;
              em.persist(target);
              List<String> ids = new java.util.ArrayList<>();
              for (int i = 0; i < count; i++) {
                Artifact artifact = new Artifact();
                artifact.targetId = target.id;
                artifact.projectId = projectId;
                artifact.externalId = UUID.randomUUID().toString();
                artifact.backupType = BackupType.FULL;
                artifact.origin = ArtifactOrigin.SCHEDULED;
                artifact.status = "COMPLETED";
                artifact.createdAt = now;
                artifact.updatedAt = now;
                em.persist(artifact);
                ids.add(artifact.publicId);
              }
              return ids;
            });
  }

  private List<String> statuses(List<String> ids) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                em.createQuery(
                        "select a.status from Artifact a where a.publicId in :ids", String.class)
                    .setParameter("ids", ids)
                    .getResultList());
  }
}
