package dev.trovekeeper.api;

import static io.restassured.RestAssured.given;

import dev.trovekeeper.audit.AuditRepository;
import dev.trovekeeper.auth.DeletionConfirmationRepository;
import dev.trovekeeper.policy.PolicyRepository;
import dev.trovekeeper.run.ArtifactRepository;
import dev.trovekeeper.run.RunRepository;
import dev.trovekeeper.testing.Db;
import dev.trovekeeper.testing.OpenApiOperations;
import dev.trovekeeper.testing.OpenApiOperations.Operation;
import dev.trovekeeper.testing.OpenApiOperations.Param;
import dev.trovekeeper.testing.Tenant;
import dev.trovekeeper.testing.TenantData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Every {@code /v1} operation of the OpenAPI document, tried by another project's member with the
 * first project's ids: 404 (403 for operator endpoints), never a success, nothing changed. And
 * nothing answers without credentials. A new endpoint is covered as soon as it is documented; one
 * with a path parameter or body this test does not know fails it until a value is added here.
 */
@QuarkusTest
class TenantIsolationTest {

  /** Operations not tried as another tenant, each with the reason. */
  static final Map<String, String> SKIPPED =
      Map.of(
          "GET /v1/deletions/confirm",
          "authenticated by the signed token it carries, by design; DeletionConfirmationTest covers"
              + " tampered, replayed and expired tokens",
          "GET /v1/me",
          "describes the caller only, holds no resource of any project");

  /** Operations every caller may call without credentials. */
  static final Map<String, String> PUBLIC =
      Map.of("GET /v1/deletions/confirm", "the mailed link must work in any browser");

  @Inject PolicyRepository policies;
  @Inject RunRepository runs;
  @Inject ArtifactRepository artifacts;
  @Inject AuditRepository audit;
  @Inject DeletionConfirmationRepository confirmations;

  @Test
  void anotherProjectsMemberReachesNothingOfIt() {
    Tenant a = Tenant.create("iso-a", 1);
    Tenant b = Tenant.create("iso-b", 1);
    Map<String, String> idsOfA = new java.util.HashMap<>(TenantData.populate(a));
    idsOfA.put("name", "gold"); // a tier name, for /v1/admin/tiers/{name}
    TenantData.populate(b);
    Snapshot before = snapshot(a.projectId);

    SoftAssertions softly = new SoftAssertions();
    for (Operation op : OpenApiOperations.fetch()) {
      if (SKIPPED.containsKey(op.toString())) {
        continue;
      }
      Response response = call(b.asMember(), op, idsOfA);
      String answer = op + " as another project -> " + response.statusCode() + " " + body(response);
      if (op.path().startsWith("/v1/admin")) {
        softly.assertThat(response.statusCode()).as(answer).isEqualTo(403);
        softly.assertThat(response.contentType()).as(answer).startsWith("application/problem+json");
      } else if (addressesAnotherProject(op)) {
        softly.assertThat(response.statusCode()).as(answer).isEqualTo(404);
        softly.assertThat(response.contentType()).as(answer).startsWith("application/problem+json");
        softly.assertThat(body(response)).as(answer).doesNotContain(a.projectId);
      } else {
        // Names no resource: acts on the caller's own project, so it may succeed, but must not
        // show the other project (query parameters such as ?project= carry its ids).
        softly.assertThat(response.statusCode()).as(answer).isLessThan(500);
        softly
            .assertThat(body(response))
            .as(answer)
            .doesNotContain(a.projectId)
            .doesNotContain(a.instance(0));
      }
    }
    softly.assertThat(snapshot(a.projectId)).isEqualTo(before);
    softly.assertAll();
  }

  @Test
  void everyEndpointRefusesCallersWithoutCredentials() {
    SoftAssertions softly = new SoftAssertions();
    for (Operation op : OpenApiOperations.fetch()) {
      if (PUBLIC.containsKey(op.toString())) {
        continue;
      }
      Response response = call(given(), op, Map.of());
      String answer = op + " without a token -> " + response.statusCode() + " " + body(response);
      softly.assertThat(response.statusCode()).as(answer).isEqualTo(401);
      softly.assertThat(response.contentType()).as(answer).startsWith("application/problem+json");
      softly
          .assertThat(response.jsonPath().getString("code"))
          .as(answer)
          .isEqualTo("UNAUTHENTICATED");
    }
    softly.assertAll();
  }

  /** Path parameters name a resource; so do the ids in a body. */
  private static boolean addressesAnotherProject(Operation op) {
    return !op.pathParams().isEmpty() || "DeletionRequest".equals(op.bodyName());
  }

  /** Calls {@code op} with {@code ids} in its path and query and a valid body naming them. */
  static Response call(RequestSpecification request, Operation op, Map<String, String> ids) {
    Map<String, String> values = ids.isEmpty() ? placeholders(op) : ids;
    for (Param query : op.queryParams()) {
      String value = values.get(query.name());
      if (value != null) {
        request.queryParam(query.name(), value);
      } else if (query.required()) {
        throw new AssertionError(op + ": no value for required query parameter " + query.name());
      }
    }
    if (op.body() != null) {
      request.contentType("application/json").body(sampleBody(op, values));
    }
    return request.request(op.method(), op.pathWith(values));
  }

  private static Map<String, String> placeholders(Operation op) {
    Map<String, String> values = new java.util.HashMap<>();
    op.pathParams().forEach(p -> values.put(p.name(), "integer".equals(p.type()) ? "1" : "x"));
    values.put("artifactId", "1");
    return values;
  }

  /** A valid body for each request schema of the API; a new schema needs a sample here. */
  static String sampleBody(Operation op, Map<String, String> ids) {
    return switch (String.valueOf(op.bodyName())) {
      case "PolicyRequest" -> TenantData.OVERRIDE.replace("override", "hijacked");
      case "DeletionRequest" -> "{\"artifactIds\": [" + ids.get("artifactId") + "]}";
      case "PolicySpec" -> TenantData.OVERRIDE.replace("override", "hijacked-global");
      case "AdminProjectRequest" -> "{\"tier\": null, \"ownerEmail\": \"hijack@example.org\"}";
      case "TierRequest" -> "{\"name\": \"" + ids.getOrDefault("name", "hijack") + "\"}";
      default -> throw new AssertionError(op + ": no sample for body schema " + op.bodyName());
    };
  }

  private static String body(Response response) {
    return response.asString();
  }

  record Snapshot(
      List<String> policies,
      List<String> runs,
      List<String> artifacts,
      List<Long> audit,
      List<String> confirmations) {}

  private Snapshot snapshot(String project) {
    return Db.read(
        () ->
            new Snapshot(
                policies.list("projectId = ?1 order by id", project).stream()
                    .map(p -> p.id + " " + p.scopeKey + " " + p.name + " v" + p.version)
                    .toList(),
                runs.list("projectId = ?1 order by id", project).stream()
                    .map(r -> r.id + " " + r.state + " v" + r.version)
                    .toList(),
                artifacts.list("projectId = ?1 order by id", project).stream()
                    .map(x -> x.id + " " + x.status + " " + x.deletedAt + " v" + x.version)
                    .toList(),
                audit.list("projectId = ?1 order by id", project).stream().map(e -> e.id).toList(),
                confirmations.list("projectId = ?1", project).stream().map(c -> c.nonce).toList()));
  }
}
