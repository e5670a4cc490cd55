package dev.trovekeeper.api;

import static io.restassured.RestAssured.given;

import dev.trovekeeper.audit.AuditRepository;
import dev.trovekeeper.auth.AuthTestConfig;
import dev.trovekeeper.auth.DeletionConfirmationRepository;
import dev.trovekeeper.demo.DemoSeed;
import dev.trovekeeper.policy.PolicyRepository;
import dev.trovekeeper.run.ArtifactRepository;
import dev.trovekeeper.run.RunRepository;
import dev.trovekeeper.testing.Db;
import dev.trovekeeper.testing.KeystoneTokens;
import dev.trovekeeper.testing.OpenApiOperations;
import dev.trovekeeper.testing.OpenApiOperations.Operation;
import dev.trovekeeper.testing.OpenApiOperations.Param;
import dev.trovekeeper.testing.Tenant;
import dev.trovekeeper.testing.TenantData;
import dev.trovekeeper.testing.TestInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Every {@code /v1} operation of the OpenAPI document, tried by another project's member, reader,
 * console session (JWT) and project admin with the first project's ids: 404 (403 for operator
 * endpoints), never a success, nothing changed. And nothing answers without credentials. A new
 * endpoint is covered as soon as it is documented; one with a path parameter or body this test does
 * not know fails it until a value is added here.
 */
@QuarkusTest
class TenantIsolationTest {

  /** Operations not tried as another tenant, each with the reason. */
  static final Map<String, String> SKIPPED =
      Map.of(
          "GET /v1/deletions/confirm",
          "authenticated by the signed token it carries, by design; DeletionConfirmationTest covers"
              + " tampered, replayed and expired tokens",
          "POST /v1/deletions/confirm",
          "the same token in the body",
          "GET /v1/me",
          "describes the caller only, holds no resource of any project",
          "POST /v1/webhooks/tenant-status",
          "called by the tenants' platform with an HMAC signature, not a tenant's token: it names"
              + " any project by design; TenantStatusWebhookTest covers wrong, stale and missing"
              + " signatures");

  /** Operations every caller may call without credentials. */
  static final Map<String, String> PUBLIC =
      Map.of(
          "GET /v1/deletions/confirm",
          "the mailed link must work in any browser",
          "POST /v1/deletions/confirm",
          "its button must work in any browser",
          "POST /v1/webhooks/tenant-status",
          "authenticated by its signature: unsigned it is 401 WEBHOOK_SIGNATURE_INVALID");

  @Inject PolicyRepository policies;
  @Inject RunRepository runs;
  @Inject ArtifactRepository artifacts;
  @Inject AuditRepository audit;
  @Inject DeletionConfirmationRepository confirmations;
  @Inject dev.trovekeeper.inventory.TargetRepository targets;

  @Test
  void anotherProjectsCallersReachNothingOfIt() {
    Tenant a = Tenant.create("iso-a", 1);
    Tenant b = Tenant.create("iso-b", 1);
    Map<String, String> idsOfA = new java.util.HashMap<>(TenantData.populate(a));
    idsOfA.put("name", "gold"); // a tier name, for /v1/admin/tiers/{name}
    TenantData.populate(b);
    Snapshot before = snapshot(a.projectId);

    SoftAssertions softly = new SoftAssertions();
    callersOf(b)
        .forEach(
            (who, request) -> {
              for (Operation op : OpenApiOperations.fetch()) {
                if (!SKIPPED.containsKey(op.toString())) {
                  check(softly, who, op, call(request.get(), op, idsOfA), a);
                }
              }
            });
    softly.assertThat(snapshot(a.projectId)).isEqualTo(before);
    softly.assertAll();
  }

  /**
   * Every kind of credential of project B: Keystone member and reader tokens, console JWTs with
   * either role, and an admin of B itself (an admin role outside the operator project).
   */
  private static Map<String, Supplier<RequestSpecification>> callersOf(Tenant b) {
    String admin = "adm-" + UUID.randomUUID().toString().substring(0, 8);
    TestInfrastructure.region().addUser(admin, "pw", b.projectId, DemoSeed.ROLE_ADMIN);
    String adminToken = KeystoneTokens.issue(admin, "pw", b.projectId);
    String memberJwt = consoleJwt(b.projectId, "member");
    String readerJwt = consoleJwt(b.projectId, "reader");
    Map<String, Supplier<RequestSpecification>> callers = new LinkedHashMap<>();
    callers.put("member token", b::asMember);
    callers.put("reader token", b::asReader);
    callers.put("console JWT (member)", () -> bearer(memberJwt));
    callers.put("console JWT (reader)", () -> bearer(readerJwt));
    callers.put("admin of its own project", () -> given().header("X-Auth-Token", adminToken));
    return callers;
  }

  private static void check(
      SoftAssertions softly, String who, Operation op, Response response, Tenant a) {
    String answer =
        op + " as another project's " + who + " -> " + response.statusCode() + " " + body(response);
    boolean readerWrites = who.contains("reader") && !"GET".equals(op.method());
    if (op.path().startsWith("/v1/admin")) {
      softly.assertThat(response.statusCode()).as(answer).isEqualTo(403);
      softly.assertThat(response.contentType()).as(answer).startsWith("application/problem+json");
    } else if (addressesAnotherProject(op)) {
      // A reader's write is refused for its role before anything is looked up: 403 either way.
      softly
          .assertThat(response.statusCode())
          .as(answer)
          .isIn(readerWrites ? List.of(403, 404) : List.of(404));
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

  private static String consoleJwt(String projectId, String role) {
    return Jwt.claims()
        .issuer("trove-keeper-console")
        .audience("trove-keeper")
        .subject("u-console-" + role)
        .claim("project_id", projectId)
        .groups(Set.of(role))
        .sign(AuthTestConfig.consolePrivateKey());
  }

  private static RequestSpecification bearer(String jwt) {
    return given().header("Authorization", "Bearer " + jwt);
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
      case "DeletionRequest" -> "{\"artifactIds\": [\"" + ids.get("artifactId") + "\"]}";
      case "PolicySpec" -> TenantData.OVERRIDE.replace("override", "hijacked-global");
      case "AdminProjectRequest" -> "{\"tier\": null, \"ownerEmail\": \"hijack@example.org\"}";
      case "TierRequest" -> "{\"name\": \"" + ids.getOrDefault("name", "hijack") + "\"}";
      case "DatasetRequest" -> TenantData.DATASET.replace("\"shop\"", "\"hijack\"");
      case "DatasetChange" -> "{\"name\": \"hijacked\"}";
      case "RestoreRequest" -> "{\"name\": \"hijacked-copy\"}";
      case "MigrationRequest" ->
          "{\"backupId\": \""
              + ids.getOrDefault("backupId", "00000000-0000-0000-0000-000000000000")
              + "\", \"targetDatasetId\": \""
              + ids.getOrDefault("datasetId", "00000000-0000-0000-0000-000000000000")
              + "\"}";
      case "DiffRequest" -> "{\"backupId\": \"" + ids.get("datasetBackupId") + "\"}";
      case "DataRestoreRequest" ->
          "{\"backupId\": \"" + ids.get("datasetBackupId") + "\", \"selection\": {\"all\": true}}";
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
      List<String> confirmations,
      List<String> targets) {}

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
                confirmations.list("projectId = ?1", project).stream().map(c -> c.nonce).toList(),
                targets.list("projectId = ?1 order by id", project).stream()
                    .map(t -> t.externalId + " " + t.name + " " + t.status + " v" + t.version)
                    .toList()));
  }
}
