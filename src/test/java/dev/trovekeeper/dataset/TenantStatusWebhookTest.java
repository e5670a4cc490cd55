package dev.trovekeeper.dataset;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.trovekeeper.events.EventTypes;
import dev.trovekeeper.events.OutboxRepository;
import dev.trovekeeper.inventory.Target;
import dev.trovekeeper.inventory.TargetRepository;
import dev.trovekeeper.testing.Db;
import dev.trovekeeper.testing.WebhookSigner;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The platform's signed tenant-status webhook on the running service: a valid call suspends the
 * project's datasets (every one, or the one named) and nothing of another project; a repeat is
 * harmless; a call that is unsigned, wrongly signed, stale or malformed is refused and changes
 * nothing; {@code active} resumes nothing.
 */
@QuarkusTest
class TenantStatusWebhookTest {

  static final String PATH = "/v1/webhooks/tenant-status";

  @Inject TargetRepository targets;
  @Inject DatasetRepository datasets;
  @Inject OutboxRepository outbox;

  @Test
  void inactiveSuspendsEveryDatasetOfTheProjectOnceAndNoOtherProjects() {
    String a = project("wh-a");
    String b = project("wh-b");
    Target a1 = TestDatasets.create(a, "orders", null);
    Target a2 = TestDatasets.create(a, "customers", null);
    Target b1 = TestDatasets.create(b, "orders", null);
    String body =
        "{\"projectId\": \""
            + a
            + "\", \"status\": \"inactive\","
            + " \"timestamp\": \"2030-01-31T00:00:00Z\"}";
    String header = WebhookSigner.header(body);

    send(body, header)
        .statusCode(200)
        .body("projectId", equalTo(a))
        .body("datasets", equalTo(2))
        .body("suspended", equalTo(2));
    assertThat(active(a1)).isFalse();
    assertThat(active(a2)).isFalse();
    assertThat(Db.read(() -> targets.findById(a1.id).status)).isEqualTo("SUSPENDED");
    assertThat(active(b1)).isTrue();
    assertThat(events(b1)).isZero();

    // The same call again (a retry of the platform, a replay within the tolerance) and a new one.
    send(body, header).statusCode(200).body("suspended", equalTo(0));
    send(body, WebhookSigner.header(body)).statusCode(200).body("suspended", equalTo(0));
    assertThat(events(a1)).isEqualTo(1);
    assertThat(events(a2)).isEqualTo(1);

    // "active" resumes nothing: the tenant resumes by API.
    String activeBody = "{\"projectId\": \"" + a + "\", \"status\": \"active\"}";
    send(activeBody, WebhookSigner.header(activeBody))
        .statusCode(200)
        .body("suspended", equalTo(0))
        .body("datasets", equalTo(2));
    assertThat(active(a1)).isFalse();
    assertThat(active(b1)).isTrue();
  }

  @Test
  void aNamedDatasetIsTheOnlyOneSuspendedAndAPreviousSecretStillSigns() {
    String p = project("wh-one");
    Target one = TestDatasets.create(p, "one", null);
    Target other = TestDatasets.create(p, "other", null);
    String body =
        "{\"projectId\": \""
            + p
            + "\", \"datasetId\": \""
            + one.externalId
            + "\","
            + " \"status\": \"inactive\"}";
    long now = System.currentTimeMillis() / 1000;

    send(body, WebhookSigner.header(WebhookSigner.PREVIOUS_SECRET, now, body))
        .statusCode(200)
        .body("datasets", equalTo(1))
        .body("suspended", equalTo(1));
    assertThat(active(one)).isFalse();
    assertThat(active(other)).isTrue();
  }

  @Test
  void unsignedWrongStaleOrMalformedCallsAreRefusedAndChangeNothing() {
    String p = project("wh-bad");
    String elsewhere = project("wh-else");
    Target d1 = TestDatasets.create(p, "one", null);
    Target d2 = TestDatasets.create(p, "two", null);
    Target foreign = TestDatasets.create(elsewhere, "foreign", null);
    String body = "{\"projectId\": \"" + p + "\", \"status\": \"inactive\"}";
    long now = System.currentTimeMillis() / 1000;
    String wrongSecret = "not-the-platform-secret-0123456789abcdefghij";

    unauthorized(send(body, null));
    unauthorized(send(body, WebhookSigner.header(wrongSecret, now, body)));
    unauthorized(send(body, WebhookSigner.header(WebhookSigner.SECRET, now - 301, body)));
    unauthorized(send(body, WebhookSigner.header(WebhookSigner.SECRET, now + 600, body)));
    unauthorized(send(body, "t=" + now + ",v1=deadbeef"));
    unauthorized(send(body, "sha256=" + WebhookSigner.header(body)));
    // Signed for another body (another project's, or nothing at all).
    String other = "{\"projectId\": \"" + elsewhere + "\", \"status\": \"inactive\"}";
    unauthorized(send(body, WebhookSigner.header(other)));
    unauthorized(send(body, WebhookSigner.header("")));

    // Correctly signed but not a valid call: 400 naming the field, or 404 for another's dataset.
    signedProblem("{\"projectId\": \"" + p + "\", \"status\": \"asleep\"}", 400, "status");
    signedProblem("{\"projectId\": \"" + p + "\"}", 400, "status");
    signedProblem("{\"status\": \"inactive\"}", 400, "projectId");
    signedProblem("{\"projectId\": \"../x\", \"status\": \"inactive\"}", 400, "projectId");
    signedProblem(
        "{\"projectId\": \"" + p + "\", \"status\": \"inactive\", \"extra\": 1}", 400, "extra");
    signedProblem(
        "{\"projectId\": \"" + p + "\", \"status\": \"inactive\", \"datasetId\": \"x\"}",
        400,
        "datasetId");
    signedProblem(
        "{\"projectId\": \"" + p + "\", \"status\": \"inactive\", \"timestamp\": \"soon\"}",
        400,
        "timestamp");
    signedProblem("{\"projectId\": ", 400, null);
    signedProblem("[]", 400, null);
    signedProblem("", 400, null);
    signedProblem(
        "{\"projectId\": \""
            + p
            + "\", \"status\": \"inactive\", \"datasetId\": \""
            + foreign.externalId
            + "\"}",
        404,
        null);
    signedProblem(
        "{\"projectId\": \""
            + p
            + "\", \"status\": \"inactive\", \"datasetId\": \""
            + UUID.randomUUID()
            + "\"}",
        404,
        null);

    for (Target d : List.of(d1, d2, foreign)) {
      assertThat(active(d)).as(d.name).isTrue();
      assertThat(Db.read(() -> targets.findById(d.id).status)).isEqualTo("ACTIVE");
      assertThat(events(d)).isZero();
    }
  }

  private static String project(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static ValidatableResponse send(String body, String signature) {
    var request = given().contentType("application/json").body(body);
    if (signature != null) {
      request.header(WebhookSigner.HEADER, signature);
    }
    return request.post(PATH).then();
  }

  private static void unauthorized(ValidatableResponse response) {
    response
        .statusCode(401)
        .contentType("application/problem+json")
        .body("code", equalTo("WEBHOOK_SIGNATURE_INVALID"));
  }

  private static void signedProblem(String body, int status, String field) {
    ValidatableResponse response =
        send(body, WebhookSigner.header(body))
            .statusCode(status)
            .contentType("application/problem+json");
    if (field != null) {
      List<String> fields = response.extract().jsonPath().getList("errors.field", String.class);
      assertThat(fields).as(body).contains(field);
    }
  }

  private boolean active(Target dataset) {
    return Db.read(() -> datasets.findById(dataset.id).active);
  }

  private long events(Target dataset) {
    return Db.read(
        () ->
            outbox.count(
                "subject = ?1 and eventType in ?2",
                EventTypes.targetSubject(dataset.id),
                Stream.of(EventTypes.DATASET_SUSPENDED, EventTypes.DATASET_RESUMED).toList()));
  }
}
