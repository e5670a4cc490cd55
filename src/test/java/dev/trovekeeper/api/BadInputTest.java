package dev.trovekeeper.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trovekeeper.audit.AuditRepository;
import dev.trovekeeper.auth.DeletionConfirmationRepository;
import dev.trovekeeper.testing.Db;
import dev.trovekeeper.testing.OpenApiOperations;
import dev.trovekeeper.testing.OpenApiOperations.Operation;
import dev.trovekeeper.testing.OpenApiOperations.Param;
import dev.trovekeeper.testing.Tenant;
import dev.trovekeeper.testing.TenantData;
import dev.trovekeeper.testing.WebhookSigner;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every {@code /v1} operation of the OpenAPI document with a body or parameters, sent bad input:
 * each answer is a 400 problem with a stable code naming the field, and nothing is stored. A new
 * body schema or query parameter fails the test until it has a sample or bad values here.
 */
@QuarkusTest
class BadInputTest {

  static final String HUGE_INT32 = String.valueOf(1L << 40);
  static final String HUGE_INT64 = "1180591620717411303424"; // 2^70
  static final String LONG_TEXT = "x".repeat(100_000);

  /** Invalid values of each query parameter, by name. */
  static final Map<String, List<String>> BAD_QUERY =
      Map.ofEntries(
          Map.entry("limit", List.of("ten", "1.5", "-1", "0", "501", HUGE_INT32, HUGE_INT64)),
          Map.entry(
              "cursor", List.of("garbage!", base64("v1:abc"), base64("v2:7"), "y".repeat(2_000))),
          Map.entry(
              "from", List.of("yesterday", "2020-13-01T00:00:00Z", "2030-01-31", "1700000000")),
          Map.entry("to", List.of("tomorrow", "2020-01-01T25:00:00Z", "2030-01-31T00:00", "-1")),
          Map.entry("state", List.of("DONE", "succeeded", "x".repeat(33))),
          Map.entry("status", List.of("NO_SUCH_STATUS", "active", "x".repeat(33))),
          Map.entry("deleted", List.of("maybe", "1", "x".repeat(33))),
          Map.entry("format", List.of("xml", "x".repeat(33))),
          Map.entry("token", List.of("garbage", "a.b.c", "eyJhbGciOiJub25lIn0.e30.")),
          Map.entry("entity", List.of("bad/name", "x".repeat(65), "-leading")),
          Map.entry("kind", List.of("MOVED", "added", "x".repeat(33))));

  /**
   * Query parameters refused with an error code of their own instead of VALIDATION_FAILED, with no
   * field errors: the deletion link's token (DeletionConfirmationTest covers it in depth).
   */
  static final Map<String, String> OWN_CODE = Map.of("token", "CONFIRMATION_INVALID");

  /** Query parameters that take any value, with the reason. */
  static final Map<String, String> FREE_QUERY =
      Map.of("project", "operators only: a tenant's value is ignored (TenantIsolationTest)");

  /** Crons that parse but must be refused: never fire, faster than the fleet minimum, NUL. */
  static final List<String> NEVER_OR_TOO_OFTEN =
      List.of(
          "\"0 0 0 31 2 ?\"", "\"0 0 0 1 1 ? 2020\"", "\"* * * * * ?\"", "\"0 0 2 * * ?\\u0000\"");

  /** Path parameters that name nothing: 404 like any unknown id, never a 5xx. */
  static final List<String> BAD_IDS = List.of("abc", "-1", "0", HUGE_INT64, "%20", "x".repeat(300));

  static final ObjectMapper JSON = new ObjectMapper();

  @Inject AuditRepository audit;
  @Inject DeletionConfirmationRepository confirmations;
  @Inject jakarta.persistence.EntityManager em;

  /**
   * One tenant with one of everything, shared by the tests of this class: none of them changes it
   * (each checks that nothing was stored), and populating it takes seconds (a backup and a diff).
   */
  private static Tenant sharedTenant;

  private static Map<String, String> sharedIds;

  Tenant tenant;
  Map<String, String> ids;
  SoftAssertions softly = new SoftAssertions();

  @BeforeEach
  void tenantWithData() {
    if (sharedTenant == null) {
      Tenant created = Tenant.create("bad", 1);
      Map<String, String> populated = new java.util.HashMap<>(TenantData.populate(created));
      populated.put("name", "bad-input-tier"); // a tier name for /v1/admin/tiers/{name}
      sharedIds = Map.copyOf(populated);
      sharedTenant = created;
    }
    tenant = sharedTenant;
    ids = sharedIds;
  }

  @Test
  void badBodiesAreRefusedNamingTheFieldAndNothingIsStored() {
    String before = state();
    List<Runnable> checks = new ArrayList<>();
    for (Operation op : OpenApiOperations.fetch()) {
      if (op.body() == null) {
        continue;
      }
      String path = op.pathWith(ids);
      checks.add(() -> refused(op, path, "{\"name\": ", null));
      checks.add(() -> refused(op, path, "[" + sample(op) + "]", null));
      checks.add(() -> refused(op, path, "\"just a string\"", null));
      checks.add(() -> refused(op, path, with(op, "sneaky", "true"), "sneaky"));
      op.bodyProperties()
          .forEach(
              (field, schema) -> {
                for (String bad : badValues(schema)) {
                  checks.add(() -> refused(op, path, with(op, field, bad), field));
                }
              });
      if (op.bodyProperties().containsKey("cronExpression")) {
        checks.add(
            () ->
                validation(
                    op, path, with(op, "cronExpression", "\"not a cron\""), "cronExpression"));
        checks.add(
            () ->
                validation(
                    op, path, with(op, "cronExpression", "\"61 * * * * ?\""), "cronExpression"));
        // accepted once, wrong: never fires, fires every second, control characters
        for (String cron : NEVER_OR_TOO_OFTEN) {
          checks.add(
              () -> validation(op, path, with(op, "cronExpression", cron), "cronExpression"));
        }
        checks.add(() -> validation(op, path, with(op, "name", "\"nightly\\u0000\""), "name"));
        checks.add(
            () -> validation(op, path, with(op, "timeZone", "\"Mars/Olympus\""), "timeZone"));
        checks.add(() -> validation(op, path, with(op, "keepLast", "0"), "keepLast"));
        checks.add(() -> validation(op, path, with(op, "keepLast", "-1"), "keepLast"));
      }
    }
    inParallel(checks);
    softly.assertThat(state()).as("stored state").isEqualTo(before);
    softly.assertAll();
  }

  @Test
  void badQueryParametersAreRefusedNamingTheParameter() {
    String before = state();
    for (Operation op : OpenApiOperations.fetch()) {
      for (Param query : op.queryParams()) {
        if (FREE_QUERY.containsKey(query.name())) {
          continue;
        }
        List<String> bad = BAD_QUERY.get(query.name());
        assertThat(bad).as(op + ": no bad values for query parameter " + query.name()).isNotNull();
        for (String value : bad) {
          Response response =
              request(op, null)
                  .queryParam(query.name(), value)
                  .request(op.method(), op.pathWith(ids));
          String what = query.name() + "=" + abbreviate(value);
          if (OWN_CODE.containsKey(query.name())) {
            softly.assertThat(response.statusCode()).as(op + " " + what).isEqualTo(400);
            softly
                .assertThat(response.jsonPath().getString("code"))
                .as(op + " " + what)
                .isEqualTo(OWN_CODE.get(query.name()));
          } else {
            problem(op, what, response, query.name());
          }
        }
      }
    }
    softly.assertThat(state()).as("stored state").isEqualTo(before);
    softly.assertAll();
  }

  /** Every enumerated filter: an unknown value is 400 naming the parameter and its values. */
  @Test
  void unknownFilterValuesListTheAllowedOnes() {
    String instance = "/v1/instances/" + tenant.instance(0);
    List<String[]> filters =
        List.of(
            new String[] {"/v1/instances", "status", "ACTIVE", "SHUTDOWN"},
            new String[] {"/v1/instances", "deleted", "true", "false"},
            new String[] {"/v1/datasets", "status", "ACTIVE", "SUSPENDED"},
            new String[] {instance + "/backups", "status", "COMPLETED", "DELETE_FAILED"},
            new String[] {instance + "/runs", "state", "SUCCEEDED", "CANCELLED"});
    for (String[] filter : filters) {
      String what = filter[0] + "?" + filter[1] + "=";
      Response unknown = tenant.asReader().queryParam(filter[1], "NOPE").get(filter[0]);
      softly.assertThat(unknown.statusCode()).as(what + "NOPE").isEqualTo(400);
      softly.assertThat(unknown.contentType()).as(what).startsWith("application/problem+json");
      softly
          .assertThat(unknown.jsonPath().getList("errors.field", String.class))
          .as(what)
          .containsExactly(filter[1]);
      softly
          .assertThat(unknown.jsonPath().getString("errors[0].message"))
          .as(what + " lists the allowed values")
          .contains(filter[2], filter[3]);
      softly
          .assertThat(
              tenant.asReader().queryParam(filter[1], filter[2]).get(filter[0]).statusCode())
          .as(what + filter[2])
          .isEqualTo(200);
    }
    Response format =
        io.restassured.RestAssured.given()
            .header("X-Auth-Token", operatorToken())
            .queryParam("format", "xml")
            .get("/v1/admin/coverage");
    softly.assertThat(format.statusCode()).isEqualTo(400);
    softly.assertThat(format.jsonPath().getString("errors[0].message")).contains("json", "csv");
    softly.assertAll();
  }

  @Test
  void idsThatNameNothingAreNotFound() {
    String before = state();
    List<Runnable> checks = new ArrayList<>();
    for (Operation op : OpenApiOperations.fetch()) {
      for (Param param : op.pathParams()) {
        if (op.path().startsWith("/v1/admin/projects/")) {
          continue; // an operator may configure any Keystone project id, known here or not yet
        }
        for (String value : BAD_IDS) {
          checks.add(
              () -> {
                Map<String, String> values = new java.util.HashMap<>(ids);
                values.put(param.name(), value);
                Response response =
                    request(op, op.body() == null ? null : sample(op))
                        .urlEncodingEnabled(false)
                        .request(op.method(), op.pathWith(values));
                String what = op + " " + param.name() + "=" + abbreviate(value);
                softly
                    .assertThat(response.statusCode())
                    .as(what + " -> " + response.asString())
                    .isEqualTo(404);
                softly
                    .assertThat(response.contentType())
                    .as(what)
                    .startsWith("application/problem+json");
              });
        }
      }
    }
    inParallel(checks);
    softly.assertThat(state()).as("stored state").isEqualTo(before);
    softly.assertAll();
  }

  /** Values of the wrong type for a schema, and values too big for it. */
  private static List<String> badValues(JsonNode schema) {
    List<String> bad = new ArrayList<>();
    switch (schema.path("type").asText("object")) {
      case "integer" -> {
        bad.add("\"not-a-number\"");
        bad.add("1.5");
        bad.add("int64".equals(schema.path("format").asText()) ? HUGE_INT64 : HUGE_INT32);
      }
      case "number" -> bad.add("\"not-a-number\"");
      case "string" -> {
        bad.add("1");
        bad.add("\"" + LONG_TEXT + "\"");
      }
      case "boolean" -> bad.add("\"maybe\"");
      case "array" -> {
        bad.add("\"not-an-array\"");
        bad.add("{}");
        for (String item : badValues(schema.path("items"))) {
          bad.add("[" + item + "]");
        }
      }
      default -> bad.add("\"not-an-object\"");
    }
    return bad;
  }

  /** A valid body of the operation, for the tenant's own resources. */
  private String sample(Operation op) {
    return switch (String.valueOf(op.bodyName())) {
      case "PolicyRequest" -> TenantData.OVERRIDE.replace("override", "changed");
      case "PolicySpec" -> TenantData.OVERRIDE.replace("override", "global-changed");
      case "AdminProjectRequest" -> "{\"tier\": null, \"ownerEmail\": \"owner@example.org\"}";
      // PUT names the tier in the path (a body name must match it); POST names it in the body.
      case "TierRequest" ->
          op.method().equalsIgnoreCase("POST")
              ? "{\"name\": \"bad-input-tier\", \"minKeepLast\": 2}"
              : "{\"minKeepLast\": 2}";
      case "DeletionRequest" -> "{\"artifactIds\": [\"" + ids.get("artifactId") + "\"]}";
      // The mailed link's form posts its token; a made-up one confirms nothing.
      case "ConfirmationRequest" -> "{\"token\": \"a.b.c\"}";
      // Signed by the platform (see request()); "active" would change nothing even if accepted.
      case "TenantStatusRequest" ->
          "{\"projectId\": \"" + tenant.projectId + "\", \"status\": \"active\"}";
      case "DatasetRequest" -> TenantData.DATASET;
      case "DatasetChange" -> "{\"name\": \"renamed\"}";
      case "RestoreRequest" -> "{\"name\": \"copy\", \"flavorRef\": \"1\", \"volumeSize\": 1}";
      case "MigrationRequest" ->
          "{\"backupId\": \""
              + ids.get("backupId")
              + "\", \"targetDatasetId\": \""
              + ids.get("datasetId")
              + "\"}";
      case "DiffRequest" -> "{\"backupId\": \"" + ids.get("datasetBackupId") + "\"}";
      case "DataRestoreRequest" ->
          "{\"backupId\": \"" + ids.get("datasetBackupId") + "\", \"selection\": {\"all\": true}}";
      default -> throw new AssertionError(op + ": no sample for body schema " + op.bodyName());
    };
  }

  /** The sample with {@code field} set to the raw JSON {@code value}. */
  private String with(Operation op, String field, String value) {
    try {
      ObjectNode body = (ObjectNode) JSON.readTree(sample(op));
      body.set(field, JSON.readTree(value));
      return JSON.writeValueAsString(body);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Runs independent request checks four at a time: each sends one refused request and records its
   * findings in the (thread-safe) soft assertions; the answers do not depend on one another.
   */
  private static void inParallel(List<Runnable> checks) {
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<?>> running = new ArrayList<>();
      for (Runnable check : checks) {
        running.add(pool.submit(check));
      }
      for (java.util.concurrent.Future<?> check : running) {
        check.get(2, java.util.concurrent.TimeUnit.MINUTES);
      }
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("a check failed to run", e.getCause());
    } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException(e);
    } finally {
      pool.shutdownNow();
    }
  }

  private void refused(Operation op, String path, String body, String field) {
    Response response = request(op, body).request(op.method(), path);
    problem(op, abbreviate(body), response, field);
  }

  private void validation(Operation op, String path, String body, String field) {
    Response response = request(op, body).request(op.method(), path);
    problem(op, abbreviate(body), response, field);
    softly
        .assertThat(response.jsonPath().getString("code"))
        .as(op + " " + abbreviate(body))
        .isEqualTo("VALIDATION_FAILED");
  }

  private void problem(Operation op, String input, Response response, String field) {
    String what =
        op
            + " with "
            + input
            + " -> "
            + response.statusCode()
            + " "
            + abbreviate(response.asString());
    softly.assertThat(response.statusCode()).as(what).isEqualTo(400);
    softly.assertThat(response.contentType()).as(what).startsWith("application/problem+json");
    if (!response.contentType().startsWith("application/problem+json")) {
      return;
    }
    softly
        .assertThat(response.jsonPath().getString("code"))
        .as(what)
        .isIn("VALIDATION_FAILED", "MALFORMED_REQUEST");
    if (field != null) {
      List<String> fields = response.jsonPath().getList("errors.field", String.class);
      softly
          .assertThat(fields)
          .as(what + ": errors[] naming " + field)
          .isNotNull()
          .anyMatch(f -> f.equals(field) || f.startsWith(field + "[") || f.startsWith(field + "."));
    }
  }

  private io.restassured.specification.RequestSpecification request(Operation op, String body) {
    // Operator endpoints refuse tenants before reading input (403): test them as an operator.
    var request =
        op.path().startsWith("/v1/admin/")
            ? io.restassured.RestAssured.given().header("X-Auth-Token", operatorToken())
            : tenant.asMember();
    if (body != null) {
      request.contentType("application/json").body(body);
      if (op.path().startsWith("/v1/webhooks/")) {
        // The platform's webhooks authenticate by signature: bad input must be refused signed.
        request.header(WebhookSigner.HEADER, WebhookSigner.header(body));
      }
    }
    return request;
  }

  private String operatorToken;

  private String operatorToken() {
    if (operatorToken == null) {
      operatorToken = dev.trovekeeper.testing.KeystoneTokens.issue("ops", "ops-secret", "service");
    }
    return operatorToken;
  }

  /**
   * What bad input must not change: the tenant's policies, runs and backups as the API shows them,
   * the row count of every table of the schema, and the checksum of each table only requests write
   * (background jobs may add rows elsewhere, never change these). {@code job_locks} is left out: a
   * scheduled job (housekeeping, restore drills) adds its lock row the first time it runs.
   */
  private String state() {
    String instance = "/v1/instances/" + tenant.instance(0);
    return String.join(
        "\n",
        // the recovery point's age grows with the clock; nothing stored changes it
        tenant
            .asReader()
            .get("/v1/datasets")
            .asString()
            .replaceAll("\"recoveryPointAgeSeconds\":\\d+", ""),
        tenant.asReader().get("/v1/project/policy").asString(),
        tenant.asReader().get(instance + "/policy").asString(),
        tenant.asReader().get(instance + "/runs").asString(),
        tenant.asReader().get(instance + "/backups").asString(),
        "audit " + Db.read(() -> audit.count("projectId", tenant.projectId)),
        "deletions " + Db.read(() -> confirmations.count("projectId", tenant.projectId)),
        Db.read(this::tables));
  }

  /** Tables whose rows only API requests write: policies, tiers, projects, audit, deletions. */
  static final List<String> WRITTEN_BY_REQUESTS_ONLY =
      List.of(
          "policies", "tiers", "projects", "fleet_control", "audit_log", "deletion_confirmations");

  @SuppressWarnings("unchecked")
  private String tables() {
    List<String> names =
        em.createNativeQuery(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()"
                    + " AND table_name NOT IN ('flyway_schema_history', 'job_locks')"
                    + " ORDER BY table_name")
            .getResultList();
    assertThat(names).as("the schema's tables").contains("runs", "schedules", "outbox_events");
    StringBuilder state = new StringBuilder();
    List<String> scoped =
        em.createNativeQuery(
                "SELECT table_name FROM information_schema.columns WHERE table_schema = DATABASE()"
                    + " AND column_name = 'project_id'")
            .getResultList();
    for (String table : names) {
      // Other tests' schedules may still fire: count the tenant's rows where a table has them.
      Object rows =
          scoped.contains(table)
              ? em.createNativeQuery("SELECT COUNT(*) FROM `" + table + "` WHERE project_id = ?1")
                  .setParameter(1, tenant.projectId)
                  .getSingleResult()
              : em.createNativeQuery("SELECT COUNT(*) FROM `" + table + "`").getSingleResult();
      state.append(table).append(' ').append(rows);
      if (WRITTEN_BY_REQUESTS_ONLY.contains(table)) {
        Object[] checksum =
            (Object[]) em.createNativeQuery("CHECKSUM TABLE `" + table + "`").getSingleResult();
        state.append(" checksum ").append(checksum[1]);
      }
      state.append('\n');
    }
    return state.toString();
  }

  private static String abbreviate(String text) {
    return text.length() <= 120 ? text : text.substring(0, 120) + "...(" + text.length() + ")";
  }

  private static String base64(String text) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
