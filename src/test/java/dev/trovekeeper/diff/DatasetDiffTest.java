package dev.trovekeeper.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.flipkart.zjsonpatch.JsonPatch;
import dev.trovekeeper.demo.shop.DemoShop;
import dev.trovekeeper.demo.shop.ShopSettings;
import dev.trovekeeper.testing.Db;
import dev.trovekeeper.testing.Tenant;
import dev.trovekeeper.testing.TestInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, must-show 1 (the diff half): a shop dataset backed up, its live shop mutated (50
 * objects changed, 20 added, 10 deleted across entities, over the shop's HTTP API and its Java
 * API), and the diff run of the same engine shows exactly those, with patches that turn each backed
 * up object into the live one; two identical backups have an empty diff; another project reads
 * nothing of it.
 */
@QuarkusTest
class DatasetDiffTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @Inject EntityManager em;

  DemoShop shop;
  Tenant tenant;

  @BeforeEach
  void smallShop() {
    shop = TestInfrastructure.region().shop();
    shop.revoke(false);
    shop.configure(
        ShopSettings.defaults().withSizes(60, 40, 50, 20).withRateLimit(0, Duration.ofSeconds(1)));
    tenant = Tenant.create("diff", 0);
  }

  @AfterEach
  void resetShop() {
    shop.configure(ShopSettings.defaults());
  }

  @Test
  void theDiffShowsExactlyTheObjectsChangedAddedAndRemovedSinceTheBackup() throws Exception {
    String dataset = register();
    String backup = backUp(dataset);

    Map<String, Set<String>> changed = new HashMap<>();
    Map<String, Set<String>> added = new HashMap<>();
    Map<String, Set<String>> removed = new HashMap<>();
    Map<String, JsonNode> before = new HashMap<>();
    // 50 changed: 20 products over HTTP, 15 customers and 15 orders in Java
    for (long id = 1; id <= 20; id++) {
      ObjectNode product = remember(before, "products", id);
      product.put("title", "Renamed " + id).put("price", "1.00");
      assertThat(http("PUT", "/products/" + id, product.toString())).isEqualTo(200);
      changed.computeIfAbsent("products", e -> new TreeSet<>()).add(String.valueOf(id));
    }
    for (long id = 11; id <= 25; id++) {
      ObjectNode customer = remember(before, "customers", id);
      customer.remove("first_name");
      customer.put("vip", true);
      assertThat(shop.put("customers", id, customer)).isTrue();
      changed.computeIfAbsent("customers", e -> new TreeSet<>()).add(String.valueOf(id));
    }
    for (long id = 30; id <= 44; id++) {
      ObjectNode order = remember(before, "orders", id);
      ((ObjectNode) order.withArray("line_items").get(0)).put("quantity", 99);
      order.withArray("line_items").addObject().put("id", 1).put("product_id", 2);
      assertThat(shop.put("orders", id, order)).isTrue();
      changed.computeIfAbsent("orders", e -> new TreeSet<>()).add(String.valueOf(id));
    }
    // 20 added: 10 products over HTTP, 5 customers and 5 collections in Java
    for (int i = 0; i < 10; i++) {
      assertThat(http("POST", "/products", "{\"title\": \"new " + i + "\"}")).isEqualTo(201);
      added.computeIfAbsent("products", e -> new TreeSet<>()).add(String.valueOf(61 + i));
    }
    for (int i = 0; i < 5; i++) {
      long id = shop.add("customers", JSON.createObjectNode().put("email", i + "@new")).get();
      added.computeIfAbsent("customers", e -> new TreeSet<>()).add(String.valueOf(id));
      id = shop.add("collections", JSON.createObjectNode().put("title", "c" + i)).get();
      added.computeIfAbsent("collections", e -> new TreeSet<>()).add(String.valueOf(id));
    }
    // 10 deleted: 4 orders over HTTP, 3 customers and 3 collections in Java
    for (long id = 1; id <= 4; id++) {
      assertThat(http("DELETE", "/orders/" + id, null)).isEqualTo(204);
      removed.computeIfAbsent("orders", e -> new TreeSet<>()).add(String.valueOf(id));
    }
    for (long id = 1; id <= 3; id++) {
      assertThat(shop.delete("customers", id)).isTrue();
      assertThat(shop.delete("collections", id)).isTrue();
      removed.computeIfAbsent("customers", e -> new TreeSet<>()).add(String.valueOf(id));
      removed.computeIfAbsent("collections", e -> new TreeSet<>()).add(String.valueOf(id));
    }

    String diff = diff(dataset, backup, null);
    JsonPath run = tenant.asReader().get("/v1/runs/" + diff).then().extract().jsonPath();
    assertThat(run.getString("operation")).isEqualTo("DIFF");
    assertThat(run.getInt("percent")).isEqualTo(100);
    assertThat(run.getLong("progress.changed")).isEqualTo(50);
    assertThat(run.getLong("progress.baseRecords")).isEqualTo(170);
    assertThat(run.getLong("progress.otherRecords")).isEqualTo(180);

    JsonPath summary =
        tenant.asReader().get("/v1/diffs/" + diff).then().statusCode(200).extract().jsonPath();
    assertThat(summary.getString("state")).isEqualTo("SUCCEEDED");
    assertThat(summary.getString("backupId")).isEqualTo(backup);
    assertThat(summary.getString("otherBackupId")).isNull();
    assertThat(summary.getLong("totals.added")).isEqualTo(20);
    assertThat(summary.getLong("totals.changed")).isEqualTo(50);
    assertThat(summary.getLong("totals.removed")).isEqualTo(10);
    assertThat(summary.getLong("totals.unchanged")).isEqualTo(170 - 60);
    assertThat(summary.getList("entities.entity"))
        .containsExactly("products", "customers", "orders", "collections");
    assertThat(summary.getList("entities.changed", Integer.class)).containsExactly(20, 15, 15, 0);

    List<JsonNode> changes = allChanges(diff, "");
    assertThat(changes).hasSize(80);
    assertThat(byKind(changes, "CHANGED")).isEqualTo(changed);
    assertThat(byKind(changes, "ADDED")).isEqualTo(added);
    assertThat(byKind(changes, "REMOVED")).isEqualTo(removed);
    for (JsonNode change : changes) {
      String key = change.get("entity").asText() + "/" + change.get("id").asText();
      if (change.get("kind").asText().equals("CHANGED")) {
        JsonNode live = shop.find(change.get("entity").asText(), change.get("id").asLong()).get();
        // compared as parsed text: a generated record holds longs where parsed JSON holds ints
        assertThat(parsed(JsonPatch.apply(change.get("patch"), before.get(key))))
            .as(key)
            .isEqualTo(parsed(live));
      } else {
        assertThat(change.has("patch")).as(key).isFalse();
      }
    }
    // filtered by entity and kind
    List<JsonNode> newProducts = allChanges(diff, "&entity=products&kind=ADDED");
    assertThat(newProducts)
        .extracting(c -> c.get("id").asText())
        .containsExactlyElementsOf(added.get("products"));

    // two identical backups: nothing differs; the first against the second: the same as live
    String second = backUp(dataset);
    String third = backUp(dataset);
    String same = diff(dataset, second, third);
    JsonPath empty = tenant.asReader().get("/v1/diffs/" + same).then().extract().jsonPath();
    assertThat(
            empty.getLong("totals.added")
                + empty.getLong("totals.changed")
                + empty.getLong("totals.removed"))
        .isZero();
    assertThat(empty.getLong("totals.unchanged")).isEqualTo(180);
    assertThat(tenant.asReader().get("/v1/diffs/" + same + "/changes").jsonPath().getList("items"))
        .isEmpty();
    JsonPath oldNew =
        tenant
            .asReader()
            .get("/v1/diffs/" + diff(dataset, backup, second))
            .then()
            .extract()
            .jsonPath();
    assertThat(oldNew.getList("entities.added", Integer.class)).containsExactly(10, 5, 0, 5);
    assertThat(oldNew.getList("entities.changed", Integer.class)).containsExactly(20, 15, 15, 0);
    assertThat(oldNew.getList("entities.removed", Integer.class)).containsExactly(0, 3, 4, 3);

    // another project: 404 for the diff, its changes and the dataset's diffs
    Tenant other = Tenant.create("diff-other", 0);
    other.asReader().get("/v1/diffs/" + diff).then().statusCode(404);
    other.asReader().get("/v1/diffs/" + diff + "/changes").then().statusCode(404);
    other
        .asMember()
        .contentType("application/json")
        .body("{\"backupId\": \"" + backup + "\"}")
        .post("/v1/datasets/" + dataset + "/diffs")
        .then()
        .statusCode(404);
    assertThat(events("diff.succeeded")).isEqualTo(3);
    assertThat(audits("dataset.diff")).isEqualTo(3);
  }

  /** A diff cancelled while it reads the live source ends CANCELLED and keeps no change. */
  @Test
  void aDiffCancelledWhileItReadsEndsCancelledWithNoChanges() {
    // two records a page, 3 requests a second: reading the live orders takes about 8 s
    String dataset =
        register(
            """
            {"requests": 3, "window": "PT1S"}""",
            2,
            """
            {"name": "orders", "path": "/orders", "items": "/orders"}""");
    String backup = backUp(dataset);
    String run =
        tenant
            .asMember()
            .contentType("application/json")
            .body("{\"backupId\": \"" + backup + "\"}")
            .post("/v1/datasets/" + dataset + "/diffs")
            .then()
            .statusCode(202)
            .extract()
            .jsonPath()
            .getString("id");
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              String phase = tenant.asReader().get("/v1/runs/" + run).path("phase");
              return phase != null && phase.startsWith("reading live");
            });
    tenant.asMember().post("/v1/runs/" + run + "/cancel").then().statusCode(200);
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> "CANCELLED".equals(tenant.asReader().get("/v1/runs/" + run).path("state")));
    assertThat(tenant.asReader().get("/v1/diffs/" + run).path("state").toString())
        .isEqualTo("CANCELLED");
    assertThat(tenant.asReader().get("/v1/diffs/" + run + "/changes").jsonPath().getList("items"))
        .isEmpty();
    assertThat(events("diff.cancelled")).isEqualTo(1);
  }

  private static JsonNode parsed(JsonNode node) throws Exception {
    return JSON.readTree(node.toString());
  }

  private ObjectNode remember(Map<String, JsonNode> before, String entity, long id) {
    ObjectNode record = shop.find(entity, id).orElseThrow();
    before.put(entity + "/" + id, record.deepCopy());
    return record;
  }

  private String register() {
    return register(
        """
        {"requests": 200, "window": "PT1S"}""",
        25,
        """
        {"name": "products", "path": "/products", "items": "/products",
         "media": ["images[].src"]},
        {"name": "customers", "path": "/customers", "items": "/customers"},
        {"name": "orders", "path": "/orders", "items": "/orders"},
        {"name": "collections", "path": "/collections", "items": "/collections"}""");
  }

  private String register(String rateLimit, int pageSize, String entities) {
    String config =
        """
        {"name": "shop", "source": {"kind": "REST", "config": {"baseUrl": "%s",
          "auth": {"type": "API_KEY", "header": "X-Shop-Key"},
          "rateLimit": %s, "concurrency": 1,
          "paging": {"type": "PAGE", "pageParam": "page", "limitParam": "limit", "limit": %d},
          "total": {"type": "HEADER", "header": "X-Total-Count"},
          "entities": [%s]}},
         "credentials": {"apiKey": "%s"}}
        """
            .formatted(shop.apiUrl(), rateLimit, pageSize, entities, ShopSettings.API_KEY);
    return tenant.createDataset(config);
  }

  /** A backup now, to its end; the new backup's id. */
  private String backUp(String dataset) {
    String run =
        tenant
            .asMember()
            .post("/v1/datasets/" + dataset + "/backups")
            .then()
            .statusCode(202)
            .extract()
            .jsonPath()
            .getString("id");
    awaitSucceeded(run);
    return tenant
        .asReader()
        .get("/v1/datasets/" + dataset + "/backups")
        .then()
        .extract()
        .jsonPath()
        .getString("items[0].id");
  }

  private String diff(String dataset, String backup, String other) {
    String body =
        other == null
            ? "{\"backupId\": \"" + backup + "\"}"
            : "{\"backupId\": \"" + backup + "\", \"otherBackupId\": \"" + other + "\"}";
    String run =
        tenant
            .asMember()
            .contentType("application/json")
            .body(body)
            .post("/v1/datasets/" + dataset + "/diffs")
            .then()
            .statusCode(202)
            .extract()
            .jsonPath()
            .getString("id");
    awaitSucceeded(run);
    return run;
  }

  private void awaitSucceeded(String run) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(90))
        .until(
            () -> {
              String state = tenant.asReader().get("/v1/runs/" + run).path("state");
              assertThat(state)
                  .as(tenant.asReader().get("/v1/runs/" + run).asString())
                  .isIn("PENDING", "REQUESTED", "RUNNING", "SUCCEEDED");
              return "SUCCEEDED".equals(state);
            });
  }

  private List<JsonNode> allChanges(String diff, String filter) throws Exception {
    List<JsonNode> all = new ArrayList<>();
    String cursor = null;
    do {
      String url =
          "/v1/diffs/"
              + diff
              + "/changes?limit=7"
              + filter
              + (cursor == null ? "" : "&cursor=" + cursor);
      JsonNode page =
          JSON.readTree(tenant.asReader().get(url).then().statusCode(200).extract().asString());
      page.get("items").forEach(all::add);
      cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText(null);
    } while (cursor != null);
    return all;
  }

  private static Map<String, Set<String>> byKind(List<JsonNode> changes, String kind) {
    Map<String, Set<String>> out = new HashMap<>();
    changes.stream()
        .filter(c -> c.get("kind").asText().equals(kind))
        .forEach(
            c ->
                out.computeIfAbsent(c.get("entity").asText(), e -> new TreeSet<>())
                    .add(c.get("id").asText()));
    return out;
  }

  private int http(String method, String path, String body) throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create(shop.apiUrl() + path))
            .header("X-Shop-Key", ShopSettings.API_KEY)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  private long events(String type) {
    return Db.read(
        () ->
            ((Number)
                    em.createNativeQuery(
                            "SELECT COUNT(*) FROM outbox_events WHERE event_type = ?1 AND project_id = ?2")
                        .setParameter(1, type)
                        .setParameter(2, tenant.projectId)
                        .getSingleResult())
                .longValue());
  }

  private long audits(String action) {
    return Db.read(
        () ->
            ((Number)
                    em.createNativeQuery(
                            "SELECT COUNT(*) FROM audit_log WHERE action = ?1 AND project_id = ?2")
                        .setParameter(1, action)
                        .setParameter(2, tenant.projectId)
                        .getSingleResult())
                .longValue());
  }
}
