package dev.trovekeeper.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trovekeeper.demo.DemoSeed;
import dev.trovekeeper.inventory.TargetKind;
import dev.trovekeeper.inventory.TargetRepository;
import dev.trovekeeper.run.Artifact;
import dev.trovekeeper.run.ArtifactOrigin;
import dev.trovekeeper.run.BackupType;
import dev.trovekeeper.testing.KeystoneTokens;
import dev.trovekeeper.testing.OpenApiOperations;
import dev.trovekeeper.testing.OpenApiOperations.Operation;
import dev.trovekeeper.testing.Tenant;
import dev.trovekeeper.testing.TenantData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Ids a tenant or operator sees are not enumerable: no {@code /v1} answer carries a sequential
 * number as an id (nor inside a paging cursor), a cursor of one project or list gives nothing of
 * another, and another project's resource answers exactly as an id nobody uses.
 */
@QuarkusTest
class OpaqueIdsTest {

  /** A field that names something: {@code id}, {@code ...Id}, {@code ...Ids}. */
  static final Pattern ID_FIELD = Pattern.compile("id|.*Id|.*Ids");

  static final Pattern NUMBER = Pattern.compile("-?\\d+");

  static final ObjectMapper JSON = new ObjectMapper();

  @Inject EntityManager em;
  @Inject TargetRepository targets;

  @Test
  void noAnswerOfV1ShowsASequentialId() {
    Tenant a = Tenant.create("opaque", 1);
    Map<String, String> ids = new HashMap<>(TenantData.populate(a));
    ids.put("name", "no-such-tier");
    SoftAssertions softly = new SoftAssertions();
    int walked = 0;
    for (Operation op : OpenApiOperations.fetch()) {
      if (!"get".equalsIgnoreCase(op.method()) || op.path().startsWith("/v1/deletions/confirm")) {
        continue; // the review of a mailed link: DeletionConfirmationTest checks its ids
      }
      RequestSpecification request = op.path().startsWith("/v1/admin") ? operator() : a.asReader();
      if (op.path().contains("/progress")) {
        continue; // the same run as GET /v1/runs/{runId}, as a stream
      }
      Response response = request.request("GET", op.pathWith(ids));
      if (response.statusCode() != 200 || !response.contentType().contains("json")) {
        continue;
      }
      walked++;
      walk(softly, op.toString(), read(response.asString()));
    }
    // One list of each kind, with a cursor to decode.
    walk(softly, "audit", read(operator().get("/v1/admin/audit?limit=500").asString()));
    walk(
        softly,
        "runs page",
        read(a.asReader().get("/v1/instances/" + a.instance(0) + "/runs?limit=1").asString()));
    assertThat(walked).as("GET operations answered").isGreaterThan(8);
    softly.assertAll();
  }

  @Test
  void aCursorOfOneProjectOrListGivesNothingOfAnother() {
    Tenant a = Tenant.create("cur-a", 2);
    Tenant b = Tenant.create("cur-b", 2);
    String runOfA = TenantData.populate(a).get("runId");
    TenantData.populate(b);
    secondRun(a);
    twoMoreBackups(a);
    String instanceA = "/v1/instances/" + a.instance(0);
    String instanceB = "/v1/instances/" + b.instance(0);

    SoftAssertions softly = new SoftAssertions();
    String instances = cursor(softly, a.asReader(), "/v1/instances");
    String runs = cursor(softly, a.asReader(), instanceA + "/runs");
    String backups = cursor(softly, a.asReader(), instanceA + "/backups");
    String audit = cursor(softly, operator().queryParam("project", a.projectId), "/v1/admin/audit");

    // Each cursor pages its own list...
    page(softly, a.asReader().queryParam("cursor", instances), "/v1/instances", 200);
    page(softly, a.asReader().queryParam("cursor", runs), instanceA + "/runs", 200);
    page(softly, a.asReader().queryParam("cursor", backups), instanceA + "/backups", 200);
    page(
        softly,
        operator().queryParam("project", a.projectId).queryParam("cursor", audit),
        "/v1/admin/audit",
        200);
    // ... and nothing of another project or another list: 400, never rows.
    page(softly, b.asReader().queryParam("cursor", instances), "/v1/instances", 400);
    page(softly, b.asReader().queryParam("cursor", runs), instanceB + "/runs", 400);
    page(softly, b.asReader().queryParam("cursor", backups), instanceB + "/backups", 400);
    page(
        softly,
        a.asReader().queryParam("cursor", runs),
        "/v1/instances/" + a.instance(1) + "/runs",
        400);
    page(softly, a.asReader().queryParam("cursor", runs), instanceA + "/backups", 400);
    page(
        softly,
        operator().queryParam("project", b.projectId).queryParam("cursor", audit),
        "/v1/admin/audit",
        400);
    // A forged cursor naming an internal number or another project's run gives nothing either.
    page(softly, b.asReader().queryParam("cursor", forged("1")), instanceB + "/runs", 400);
    page(softly, b.asReader().queryParam("cursor", forged(runOfA)), instanceB + "/runs", 400);
    softly.assertAll();
  }

  @Test
  void anotherProjectsIdAnswersAsAFreeOne() {
    Tenant a = Tenant.create("free-a", 1);
    Tenant b = Tenant.create("free-b", 1);
    Map<String, String> ofA = TenantData.populate(a);
    String free = UUID.randomUUID().toString();
    Map<String, String[]> paths =
        Map.of(
            "instance",
            new String[] {"/v1/instances/" + a.instance(0), "/v1/instances/" + free},
            "policy",
            new String[] {
              "/v1/instances/" + a.instance(0) + "/policy", "/v1/instances/" + free + "/policy"
            },
            "backups",
            new String[] {
              "/v1/instances/" + a.instance(0) + "/backups", "/v1/instances/" + free + "/backups"
            },
            "run",
            new String[] {"/v1/runs/" + ofA.get("runId"), "/v1/runs/" + free},
            "dataset",
            new String[] {"/v1/datasets/" + ofA.get("datasetId"), "/v1/datasets/" + free},
            "diff",
            new String[] {"/v1/diffs/" + ofA.get("diffId"), "/v1/diffs/" + free},
            "dataset restore",
            new String[] {
              "/v1/dataset-restores/" + ofA.get("restoreId"), "/v1/dataset-restores/" + free
            });
    SoftAssertions softly = new SoftAssertions();
    paths.forEach(
        (what, pair) -> {
          JsonNode foreign = read(b.asReader().get(pair[0]).asString());
          JsonNode unknown = read(b.asReader().get(pair[1]).asString());
          for (String field : List.of("status", "code", "title", "type", "detail")) {
            softly
                .assertThat(foreign.path(field))
                .as(what + " " + field + ": another project's id answers as a free one")
                .isEqualTo(unknown.path(field));
          }
          softly.assertThat(foreign.path("status").asInt()).as(what).isEqualTo(404);
        });
    softly.assertAll();
  }

  /** Every id field in the answer: a UUID or a name, never a number; cursors likewise. */
  private static void walk(SoftAssertions softly, String where, JsonNode node) {
    if (node.isArray()) {
      node.forEach(item -> walk(softly, where, item));
      return;
    }
    if (!node.isObject()) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String name = field.getKey();
      JsonNode value = field.getValue();
      if (ID_FIELD.matcher(name).matches()) {
        for (JsonNode id : value.isArray() ? value : List.of(value)) {
          softly.assertThat(id.isNumber()).as(where + ": " + name + " = " + id).isFalse();
          softly
              .assertThat(NUMBER.matcher(id.asText()).matches())
              .as(where + ": " + name + " = " + id)
              .isFalse();
        }
      }
      if ("nextCursor".equals(name) && value.isTextual()) {
        String decoded =
            new String(Base64.getUrlDecoder().decode(value.asText()), StandardCharsets.UTF_8);
        softly.assertThat(decoded).as(where + ": cursor").doesNotMatch(".*:-?\\d+");
      }
      walk(softly, where, value);
    }
  }

  private static String cursor(SoftAssertions softly, RequestSpecification request, String path) {
    Response response = request.queryParam("limit", 1).get(path);
    softly.assertThat(response.statusCode()).as(path).isEqualTo(200);
    String cursor = response.jsonPath().getString("nextCursor");
    softly.assertThat(cursor).as(path + " has a second page").isNotNull();
    return cursor;
  }

  private static void page(
      SoftAssertions softly, RequestSpecification request, String path, int status) {
    Response response = request.get(path);
    String what = path + " -> " + response.statusCode() + " " + response.asString();
    softly.assertThat(response.statusCode()).as(what).isEqualTo(status);
    if (status == 400) {
      softly.assertThat(response.contentType()).as(what).startsWith("application/problem+json");
      softly
          .assertThat(response.jsonPath().getList("errors.field", String.class))
          .as(what)
          .containsExactly("cursor");
    }
  }

  private static String forged(String key) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("v2:" + key).getBytes(StandardCharsets.UTF_8));
  }

  /** A second run of the tenant's first instance (the first one has finished). */
  private static void secondRun(Tenant t) {
    String run =
        t.asMember()
            .post("/v1/instances/" + t.instance(0) + "/backups")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> !"PENDING".equals(t.asReader().get("/v1/runs/" + run).path("state")));
  }

  /** Two more backup records of the tenant's first instance, so its backups have two pages. */
  private void twoMoreBackups(Tenant t) {
    long target =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    targets
                        .findByExternalId(TargetKind.TROVE_INSTANCE, t.instance(0))
                        .orElseThrow()
                        .id);
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              for (int i = 0; i < 2; i++) {
                Artifact artifact = new Artifact();
                artifact.targetId = target;
                artifact.projectId = t.projectId;
                artifact.externalId = UUID.randomUUID().toString();
                artifact.backupType = BackupType.FULL;
                artifact.origin = ArtifactOrigin.MANUAL;
                artifact.status = "DELETED";
                artifact.createdAt = Instant.now();
                artifact.updatedAt = artifact.createdAt;
                em.persist(artifact);
              }
            });
  }

  private static RequestSpecification operator() {
    return given()
        .header(
            "X-Auth-Token",
            KeystoneTokens.issue(DemoSeed.OPS, DemoSeed.OPS_PASSWORD, DemoSeed.SERVICE_PROJECT_ID));
  }

  private static JsonNode read(String body) {
    try {
      return JSON.readTree(body);
    } catch (java.io.IOException e) {
      throw new AssertionError("not JSON: " + body, e);
    }
  }
}
