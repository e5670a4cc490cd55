package dev.trovekeeper.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import com.icegreen.greenmail.util.GreenMail;
import dev.trovekeeper.demo.DemoSeed;
import dev.trovekeeper.inventory.DiscoverySource;
import dev.trovekeeper.inventory.Target;
import dev.trovekeeper.inventory.TargetKind;
import dev.trovekeeper.run.Artifact;
import dev.trovekeeper.run.ArtifactOrigin;
import dev.trovekeeper.run.BackupType;
import dev.trovekeeper.testing.KeystoneTokens;
import dev.trovekeeper.testing.TestInfrastructure;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Deleting backups from the API: the owner gets a single-use signed link by mail (GreenMail). */
@QuarkusTest
class DeletionConfirmationTest {

  private static final Pattern LINK =
      Pattern.compile("http://keeper\\.test/v1/deletions/confirm\\?token=([A-Za-z0-9_.-]+)");

  @Inject EntityManager em;

  private final GreenMail mail = TestInfrastructure.smtp().greenMail();

  @BeforeEach
  void noMail() throws Exception {
    mail.purgeEmailFromAllMailboxes();
  }

  @Test
  void memberRequestsOwnerConfirmsOnceAndArtifactsAreMarked() throws Exception {
    List<Long> ids = artifacts(DemoSeed.PROJECT_A_ID, 2);
    request(alice(), ids)
        .statusCode(202)
        .body("projectId", equalTo(DemoSeed.PROJECT_A_ID))
        .body("sentTo", equalTo("o***@keeper.test"));

    MimeMessage message = awaitOneMail();
    assertThat(message.getAllRecipients()[0].toString()).isEqualTo(AuthTestConfig.OWNER_A);
    String token = tokenIn(message);
    assertThat(statuses(ids)).containsOnly("COMPLETED");

    confirm(token)
        .statusCode(200)
        .body("projectId", equalTo(DemoSeed.PROJECT_A_ID))
        .body("artifactIds", contains(ids.get(0).intValue(), ids.get(1).intValue()))
        .body("requester", equalTo(DemoSeed.userId(DemoSeed.ALICE)));
    assertThat(statuses(ids)).containsOnly("DELETING");

    refused(confirm(token), 409, "CONFIRMATION_USED");
  }

  @Test
  void expiredTokenIsRefused() {
    List<Long> ids = artifacts(DemoSeed.PROJECT_A_ID, 1);
    String token = signed(UUID.randomUUID().toString(), ids, Instant.now().minusSeconds(60));
    refused(confirm(token), 410, "CONFIRMATION_EXPIRED");
  }

  @Test
  void tamperedTokenIsRefused() throws Exception {
    List<Long> ids = artifacts(DemoSeed.PROJECT_A_ID, 1);
    request(alice(), ids).statusCode(202);
    String token = tokenIn(awaitOneMail());
    String[] parts = token.split("\\.");
    char c = parts[1].charAt(10);
    parts[1] = parts[1].substring(0, 10) + (c == 'A' ? 'B' : 'A') + parts[1].substring(11);
    refused(confirm(String.join(".", parts)), 400, "CONFIRMATION_INVALID");
    refused(confirm("not-a-token"), 400, "CONFIRMATION_INVALID");
    refused(given().when().get("/v1/deletions/confirm").then(), 400, "CONFIRMATION_INVALID");
    assertThat(statuses(ids)).containsOnly("COMPLETED");
  }

  @Test
  void correctlySignedTokenWithUnknownNonceIsRefused() {
    List<Long> ids = artifacts(DemoSeed.PROJECT_A_ID, 1);
    String token = signed(UUID.randomUUID().toString(), ids, Instant.now().plusSeconds(600));
    refused(confirm(token), 400, "CONFIRMATION_INVALID");
    assertThat(statuses(ids)).containsOnly("COMPLETED");
  }

  @Test
  void readerMayNotRequest() {
    List<Long> ids = artifacts(DemoSeed.PROJECT_A_ID, 1);
    String rita =
        KeystoneTokens.issue(DemoSeed.RITA, DemoSeed.RITA_PASSWORD, DemoSeed.PROJECT_A_ID);
    refused(request(rita, ids), 403, "FORBIDDEN");
    assertThat(mail.getReceivedMessages()).isEmpty();
  }

  @Test
  void anotherProjectsArtifactsAreNotFoundAndNothingIsMailed() {
    List<Long> own = artifacts(DemoSeed.PROJECT_A_ID, 1);
    List<Long> foreign = artifacts(DemoSeed.PROJECT_B_ID, 1);
    refused(request(alice(), List.of(own.get(0), foreign.get(0))), 404, "NOT_FOUND");
    refused(request(alice(), List.of(Long.MAX_VALUE)), 404, "NOT_FOUND");
    assertThat(mail.getReceivedMessages()).isEmpty();
  }

  @Test
  void projectWithoutOwnerAddressIsUnprocessable() {
    List<Long> ids = artifacts(DemoSeed.PROJECT_B_ID, 1);
    String bob = KeystoneTokens.issue(DemoSeed.BOB, DemoSeed.BOB_PASSWORD, DemoSeed.PROJECT_B_ID);
    refused(request(bob, ids), 422, "OWNER_EMAIL_UNKNOWN");
  }

  @Test
  void emptyRequestIsInvalid() {
    refused(request(alice(), List.of()), 400, "VALIDATION_FAILED");
  }

  private static String alice() {
    return KeystoneTokens.issue(DemoSeed.ALICE, DemoSeed.ALICE_PASSWORD, DemoSeed.PROJECT_A_ID);
  }

  private static ValidatableResponse request(String keystoneToken, List<Long> ids) {
    return given()
        .header("X-Auth-Token", keystoneToken)
        .contentType("application/json")
        .body(java.util.Map.of("artifactIds", ids))
        .when()
        .post("/v1/deletions")
        .then();
  }

  private static ValidatableResponse confirm(String token) {
    return given().queryParam("token", token).when().get("/v1/deletions/confirm").then();
  }

  private static void refused(ValidatableResponse response, int status, String code) {
    response.statusCode(status).contentType("application/problem+json").body("code", equalTo(code));
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
  private static String signed(String nonce, List<Long> ids, Instant expiresAt) {
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

  private List<Long> artifacts(String projectId, int count) {
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
              List<Long> ids = new java.util.ArrayList<>();
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
                ids.add(artifact.id);
              }
              return ids;
            });
  }

  private List<String> statuses(List<Long> ids) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                em.createQuery("select a.status from Artifact a where a.id in :ids", String.class)
                    .setParameter("ids", ids)
                    .getResultList());
  }
}
