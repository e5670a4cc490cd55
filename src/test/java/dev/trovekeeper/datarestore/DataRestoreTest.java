package dev.trovekeeper.datarestore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trovekeeper.boot.EmbeddedDatabase;
import dev.trovekeeper.demo.shop.DemoShop;
import dev.trovekeeper.demo.shop.SharedShopDatabase;
import dev.trovekeeper.demo.shop.ShopSettings;
import dev.trovekeeper.testing.Db;
import dev.trovekeeper.testing.MariaDbTestResource;
import dev.trovekeeper.testing.ShopDatasets;
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
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, must-shows 1 (restore half) and 3: a shop dataset backed up, its live shop mutated (50
 * objects changed, 20 added, 10 deleted) over HTTP and in Java, and a restore of a selection gives
 * exactly the expected mix, after a BEFORE_RESTORE safety backup; a second run changes nothing.
 * Objects the shop refuses are in the error log and the run ends PARTIAL. A SQL dataset is restored
 * through its tenant's rows only. Another project reaches none of it.
 */
@QuarkusTest
class DataRestoreTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final String SCHEMA = "shop_restore";

  @Inject EntityManager em;

  DemoShop shop;
  Tenant tenant;

  @BeforeEach
  void smallShop() {
    shop = TestInfrastructure.region().shop();
    shop.revoke(false);
    shop.configure(
        ShopSettings.defaults().withSizes(60, 40, 50, 20).withRateLimit(0, Duration.ofSeconds(1)));
    tenant = Tenant.create("restore", 0);
  }

  @AfterEach
  void resetShop() {
    shop.configure(ShopSettings.defaults());
  }

  @Test
  void aSelectionIsRestoredExactlyAfterASafetyBackupAndASecondRunChangesNothing() throws Exception {
    String dataset = register();
    String backup = backUp(dataset);
    Map<String, JsonNode> before = new HashMap<>();
    // 50 changed: 20 products over HTTP, 15 customers and 15 orders in Java
    for (long id = 1; id <= 20; id++) {
      ObjectNode product = remember(before, "products", id);
      product.put("title", "Renamed " + id);
      assertThat(http("PUT", "/products/" + id, product.toString())).isEqualTo(200);
    }
    for (long id = 11; id <= 25; id++) {
      ObjectNode customer = remember(before, "customers", id);
      customer.remove("first_name");
      assertThat(shop.put("customers", id, customer)).isTrue();
    }
    for (long id = 30; id <= 44; id++) {
      ObjectNode order = remember(before, "orders", id);
      ((ObjectNode) order.withArray("line_items").get(0)).put("quantity", 99);
      assertThat(shop.put("orders", id, order)).isTrue();
    }
    // 20 added: 10 products over HTTP, 5 customers and 5 collections in Java
    for (int i = 0; i < 10; i++) {
      assertThat(http("POST", "/products", "{\"title\": \"new " + i + "\"}")).isEqualTo(201);
    }
    for (int i = 0; i < 5; i++) {
      shop.add("customers", JSON.createObjectNode().put("email", i + "@new"));
      shop.add("collections", JSON.createObjectNode().put("title", "c" + i));
    }
    // 10 deleted: 4 orders over HTTP, 3 customers and 3 collections in Java
    for (long id = 1; id <= 4; id++) {
      remember(before, "orders", id);
      assertThat(http("DELETE", "/orders/" + id, null)).isEqualTo(204);
    }
    for (long id = 1; id <= 3; id++) {
      remember(before, "customers", id);
      remember(before, "collections", id);
      assertThat(shop.delete("customers", id)).isTrue();
      assertThat(shop.delete("collections", id)).isTrue();
    }

    // the selection: three whole entities and one deleted collection; added objects left alone
    String selection =
        """
        {"entities": ["products", "customers", "orders"],
         "objects": [{"entity": "collections", "id": "1"}]}""";
    JsonPath estimate =
        tenant
            .asMember()
            .contentType("application/json")
            .body(body(backup, selection, false))
            .post("/v1/datasets/" + dataset + "/restores/estimate")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    // reads: (60/25 -> 3 + 2 + 2 + 1 pages) twice; writes at most 60 + 40 + 50 + 1
    assertThat(estimate.getLong("totalCalls")).isEqualTo(2 * (3 + 2 + 2 + 1) + 151);
    assertThat(estimate.getList("entities.selected", Integer.class)).containsExactly(1, 50, 60, 40);
    assertThat(estimate.getLong("etaSeconds")).isEqualTo((long) Math.ceil(167 / 200.0));

    String restore = restore(dataset, backup, selection, false, "SUCCEEDED");
    JsonPath done = summary(restore);
    assertThat(done.getLong("counts.updated")).isEqualTo(50);
    assertThat(done.getLong("counts.created"))
        .as("4 orders, 3 customers, 1 collection")
        .isEqualTo(8);
    assertThat(done.getLong("counts.deleted")).isZero();
    assertThat(done.getLong("counts.failed")).isZero();
    assertThat(done.getLong("counts.skipped")).as("added products and customers").isEqualTo(15);
    assertThat(done.getLong("counts.unchanged")).isEqualTo(150 - 50 - 7);
    for (var entry : before.entrySet()) {
      String[] key = entry.getKey().split("/");
      boolean restored = !(key[0].equals("collections") && !key[1].equals("1"));
      var live = shop.find(key[0], Long.parseLong(key[1]));
      if (restored) {
        assertThat(live).as(entry.getKey()).isPresent();
        assertThat(parsed(live.get())).as(entry.getKey()).isEqualTo(parsed(entry.getValue()));
      } else {
        assertThat(live).as(entry.getKey() + " not selected").isEmpty();
      }
    }
    assertThat(shop.find("products", 61)).as("added: left alone").isPresent();
    // the media of the restored products, checked against their SHA-256 and uploaded once each
    Map<String, byte[]> images = new HashMap<>();
    for (long id = 1; id <= 20; id++) {
      for (JsonNode image : before.get("products/" + id).path("images")) {
        byte[] bytes = get(image.get("src").asText());
        images.put(sha256(bytes), bytes);
      }
    }
    assertThat(images).isNotEmpty();
    assertThat(shop.uploads().keySet()).isEqualTo(images.keySet());
    images.forEach((sha, bytes) -> assertThat(shop.uploads().get(sha)).isEqualTo(bytes));
    assertThat(
            tenant
                .asReader()
                .get("/v1/runs/" + restore)
                .jsonPath()
                .getInt("progress.mediaUploaded"))
        .isEqualTo(images.size());
    assertThat(shop.find("collections", 21)).as("added: left alone").isPresent();

    // the safety backup: a BEFORE_RESTORE backup of the live data before the restore wrote
    String safety = done.getString("safetyBackupId");
    assertThat(safety).isNotNull();
    JsonPath backups =
        tenant.asReader().get("/v1/datasets/" + dataset + "/backups").then().extract().jsonPath();
    int at = backups.getList("items.id").indexOf(safety);
    assertThat(at).isNotNegative();
    assertThat(backups.getString("items[" + at + "].origin")).isEqualTo("BEFORE_RESTORE");
    assertThat(backups.getString("items[" + at + "].status")).isEqualTo("COMPLETED");

    // again: converged, nothing written
    JsonPath again = summary(restore(dataset, backup, selection, false, "SUCCEEDED"));
    assertThat(again.getLong("counts.restored")).isZero();
    assertThat(again.getLong("counts.failed")).isZero();
    assertThat(again.getLong("counts.unchanged")).isEqualTo(150);
    assertThat(shop.uploads()).hasSize(images.size());

    // with includeAdded the objects added since the backup go too
    JsonPath all = summary(restore(dataset, backup, "{\"all\": true}", true, "SUCCEEDED"));
    assertThat(all.getLong("counts.deleted")).isEqualTo(20);
    assertThat(all.getLong("counts.created")).as("collections 2 and 3").isEqualTo(2);
    assertThat(shop.find("products", 61)).isEmpty();
    assertThat(events("restore.succeeded")).isEqualTo(3);
    assertThat(audits("dataset.restore")).isEqualTo(3);

    // another project: 404 for every restore operation
    Tenant other = Tenant.create("restore-other", 0);
    other.asReader().get("/v1/dataset-restores/" + restore).then().statusCode(404);
    other.asReader().get("/v1/dataset-restores/" + restore + "/errors").then().statusCode(404);
    for (String path : List.of("/restores", "/restores/estimate")) {
      other
          .asMember()
          .contentType("application/json")
          .body(body(backup, "{\"all\": true}", false))
          .post("/v1/datasets/" + dataset + path)
          .then()
          .statusCode(404);
    }
  }

  @Test
  void objectsTheShopRefusesAreLoggedTheRestIsRestoredAndTheRunEndsPartial() throws Exception {
    String dataset = register();
    String backup = backUp(dataset);
    for (long id = 1; id <= 10; id++) {
      ObjectNode product = shop.find("products", id).orElseThrow();
      assertThat(shop.put("products", id, product.put("title", "changed"))).isTrue();
    }
    for (long id = 1; id <= 3; id++) {
      assertThat(shop.delete("orders", id)).isTrue();
    }
    shop.refuseWrites("products", 2, 422);
    shop.refuseWrites("products", 7, 422);
    shop.refuseWrites("orders", 3, 409);
    shop.writeLatency(Duration.ofMillis(50)); // as over a network: one write at a time is slow

    String restore = restore(dataset, backup, "{\"all\": true}", false, "PARTIAL");
    assertThat(shop.maxWritesInFlight())
        .as("an entity's objects written in parallel")
        .isGreaterThan(1);
    JsonPath done = summary(restore);
    assertThat(done.getLong("counts.updated")).isEqualTo(8);
    assertThat(done.getLong("counts.created")).isEqualTo(2);
    assertThat(done.getLong("counts.failed")).isEqualTo(3);
    assertThat(done.getString("reasonCode")).isEqualTo("OBJECTS_REFUSED");
    List<JsonNode> errors = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page =
          JSON.readTree(
              tenant
                  .asReader()
                  .get(
                      "/v1/dataset-restores/"
                          + restore
                          + "/errors?limit=2"
                          + (cursor == null ? "" : "&cursor=" + cursor))
                  .then()
                  .statusCode(200)
                  .extract()
                  .asString());
      page.get("items").forEach(errors::add);
      cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText(null);
    } while (cursor != null);
    assertThat(errors)
        .extracting(
            e ->
                e.get("entity").asText()
                    + "/"
                    + e.get("id").asText()
                    + " "
                    + e.get("action").asText()
                    + " "
                    + e.get("status").asInt())
        // in the order the writes ended: products (parents) before orders, any order within one
        .containsExactlyInAnyOrder(
            "products/2 UPDATE 422", "products/7 UPDATE 422", "orders/3 CREATE 409")
        .last()
        .isEqualTo("orders/3 CREATE 409");
    assertThat(errors.get(0).get("message").asText()).contains("refused");
    assertThat(shop.find("products", 1).orElseThrow().get("title").asText())
        .isNotEqualTo("changed");
    assertThat(shop.find("products", 2).orElseThrow().get("title").asText()).isEqualTo("changed");
    assertThat(shop.find("orders", 1)).isPresent();
    assertThat(shop.find("orders", 3)).isEmpty();
    assertThat(events("restore.partial")).isEqualTo(1);
  }

  /**
   * A shop that gives re-created objects ids of its own, and products that reference products (a
   * parent): parents and children removed together, a child before its parent in key order, and
   * children written while their parent's create is still in flight. Every reference, within
   * products and from orders, ends on the new ids, including those of objects equal on both sides.
   */
  @Test
  void referencesWithinASelfReferencingEntityFollowTheNewIdsOfReCreatedObjects() throws Exception {
    Map<Long, Long> parents = Map.of(1L, 3L, 2L, 1L, 4L, 3L, 6L, 5L, 7L, 5L, 8L, 5L, 9L, 5L);
    for (long id = 1; id <= 9; id++) {
      ObjectNode product = shop.find("products", id).orElseThrow().put("title", "p" + id);
      if (parents.containsKey(id)) {
        product.put("parent_id", parents.get(id));
      }
      assertThat(shop.put("products", id, product)).isTrue();
    }
    String dataset =
        ShopDatasets.register(
            tenant,
            "shop",
            shop.apiUrl(),
            "[{\"field\": \"parent_id\", \"entity\": \"products\"}]");
    String backup = backUp(dataset);
    List<ObjectNode> orders = shop.records(null, "orders");
    List<Long> removed = List.of(1L, 2L, 3L, 5L, 6L, 7L);
    removed.forEach(id -> assertThat(shop.delete("products", id)).isTrue());
    for (long id : List.of(4L, 8L)) {
      assertThat(shop.put("products", id, shop.find("products", id).orElseThrow().put("x", 1)))
          .isTrue();
    }
    shop.assignIds(true);
    shop.writeLatency(Duration.ofMillis(50)); // a parent's create in flight while others go on

    String restore =
        restore(dataset, backup, "{\"entities\": [\"products\", \"orders\"]}", false, "SUCCEEDED");

    Map<Long, Long> newIds = new HashMap<>();
    for (ObjectNode product : shop.records(null, "products")) {
      long id = product.get("id").asLong();
      String title = product.path("title").asText();
      if (id > 60 && title.matches("p\\d")) {
        assertThat(newIds.put(Long.parseLong(title.substring(1)), id)).as(title).isNull();
      }
    }
    assertThat(newIds).as("re-created once each, under new ids").containsOnlyKeys(removed);
    removed.forEach(id -> assertThat(shop.find("products", id)).as("old id " + id).isEmpty());
    for (long id = 1; id <= 9; id++) {
      long live = newIds.getOrDefault(id, id);
      JsonNode product = shop.find("products", live).orElseThrow();
      assertThat(product.path("title").asText()).isEqualTo("p" + id);
      assertThat(product.has("x")).as("product %d restored", id).isFalse();
      if (parents.containsKey(id)) {
        long parent = parents.get(id);
        assertThat(product.path("parent_id").asLong())
            .as("parent of product %d (backup id %d)", live, id)
            .isEqualTo(newIds.getOrDefault(parent, parent));
      } else {
        assertThat(product.path("parent_id").isMissingNode()).as("product %d", id).isTrue();
      }
    }
    int relinkedOrders = 0;
    for (ObjectNode order : orders) {
      JsonNode live = shop.find("orders", order.get("id").asLong()).orElseThrow();
      boolean relinked = false;
      for (int i = 0; i < order.get("line_items").size(); i++) {
        long product = order.get("line_items").get(i).get("product_id").asLong();
        relinked |= newIds.containsKey(product);
        assertThat(live.get("line_items").get(i).get("product_id").asLong())
            .as("order %s", order.get("id"))
            .isEqualTo(newIds.getOrDefault(product, product));
      }
      relinkedOrders += relinked ? 1 : 0;
    }
    assertThat(relinkedOrders).as("orders of re-created products in the sample").isPositive();
    JsonPath done = summary(restore);
    assertThat(done.getLong("counts.created")).isEqualTo(6);
    assertThat(done.getLong("counts.failed")).isZero();
    assertThat(done.getLong("counts.updated"))
        .as("products 4 and 8 changed, product 9 and orders relinked")
        .isEqualTo(3 + relinkedOrders);
    assertThat(done.getLong("counts.unchanged")).isEqualTo(60 - 9 + 50 - relinkedOrders);

    // again: the backup is read through the ids the shop gave, so nothing is created twice
    int products = shop.records(null, "products").size();
    JsonPath again =
        summary(
            restore(
                dataset, backup, "{\"entities\": [\"products\", \"orders\"]}", false, "SUCCEEDED"));
    assertThat(again.getLong("counts.restored")).as("converged").isZero();
    assertThat(again.getLong("counts.unchanged")).isEqualTo(60 + 50);
    assertThat(shop.records(null, "products")).hasSize(products);
    // a re-created object deleted once more is re-created again, and known by its newest id
    assertThat(shop.delete("products", newIds.get(3L))).isTrue();
    JsonPath third =
        summary(
            restore(
                dataset, backup, "{\"entities\": [\"products\", \"orders\"]}", false, "SUCCEEDED"));
    assertThat(third.getLong("counts.created")).isEqualTo(1);
    // the shop may give the freed id again (it gives the next id after its highest live one)
    List<Long> threes =
        shop.records(null, "products").stream()
            .filter(p -> p.path("title").asText().equals("p3"))
            .map(p -> p.get("id").asLong())
            .toList();
    assertThat(threes).as("re-created once").hasSize(1);
    long three = threes.get(0);
    assertThat(shop.find("products", newIds.get(1L)).orElseThrow().path("parent_id").asLong())
        .isEqualTo(three);
    JsonPath last =
        summary(
            restore(
                dataset, backup, "{\"entities\": [\"products\", \"orders\"]}", false, "SUCCEEDED"));
    assertThat(last.getLong("counts.restored")).isZero();
  }

  @Test
  void whenTheSafetyBackupFailsTheRestoreFailsAndWritesNothing() throws Exception {
    String dataset = register();
    String backup = backUp(dataset);
    ObjectNode product = shop.find("products", 5).orElseThrow();
    assertThat(shop.put("products", 5, product.put("title", "changed"))).isTrue();
    shop.revoke(true); // the safety backup cannot read the source

    String restore = restore(dataset, backup, "{\"all\": true}", false, "FAILED");
    JsonPath failed = summary(restore);
    assertThat(failed.getString("reasonCode")).isEqualTo("SAFETY_BACKUP_FAILED");
    assertThat(failed.getString("safetyRunId")).isNotNull();
    assertThat(failed.getString("safetyBackupId")).isNull();
    assertThat(failed.getLong("counts.restored")).isZero();
    shop.revoke(false);
    assertThat(shop.find("products", 5).orElseThrow().get("title").asText()).isEqualTo("changed");
    assertThat(events("restore.failed")).isEqualTo(1);
  }

  /** A restore cancelled while it reads the live source ends CANCELLED, writing nothing more. */
  @Test
  void aRestoreCancelledWhileItReadsEndsCancelled() throws Exception {
    // two records a page, 3 requests a second: reading the orders takes about 8 s
    String config =
        """
        {"name": "slow", "source": {"kind": "REST", "config": {"baseUrl": "%s",
          "auth": {"type": "API_KEY", "header": "X-Shop-Key"},
          "rateLimit": {"requests": 3, "window": "PT1S"}, "concurrency": 1,
          "paging": {"type": "PAGE", "pageParam": "page", "limitParam": "limit", "limit": 2},
          "total": {"type": "HEADER", "header": "X-Total-Count"},
          "entities": [{"name": "orders", "path": "/orders", "items": "/orders"}]}},
         "credentials": {"apiKey": "%s"}}
        """
            .formatted(shop.apiUrl(), ShopSettings.API_KEY);
    String dataset = tenant.createDataset(config);
    String backup = backUp(dataset);
    assertThat(shop.delete("orders", 50)).isTrue();
    String run =
        tenant
            .asMember()
            .contentType("application/json")
            .body(body(backup, "{\"all\": true}", false))
            .post("/v1/datasets/" + dataset + "/restores")
            .then()
            .statusCode(202)
            .extract()
            .jsonPath()
            .getString("id");
    Awaitility.await()
        .atMost(Duration.ofSeconds(90))
        .until(
            () -> {
              String phase = tenant.asReader().get("/v1/runs/" + run).path("phase");
              return phase != null && phase.startsWith("reading live");
            });
    tenant.asMember().post("/v1/runs/" + run + "/cancel").then().statusCode(200);
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> "CANCELLED".equals(tenant.asReader().get("/v1/runs/" + run).path("state")));
    assertThat(summary(run).getString("state")).isEqualTo("CANCELLED");
    assertThat(shop.find("orders", 50)).as("not re-created").isEmpty();
    assertThat(events("restore.cancelled")).isEqualTo(1);
  }

  @Test
  void aSqlDatasetIsRestoredThroughItsTenantsRowsOnly() throws Exception {
    try (Connection c = connect()) {
      SharedShopDatabase.create(c, SCHEMA, SharedShopDatabase.TENANTS, 6);
    }
    String dataset = registerSql("acme");
    String backup = backUp(dataset);
    String globexTitle;
    try (Connection c = connect();
        var s = c.createStatement()) {
      s.executeUpdate(
          "UPDATE " + SCHEMA + ".products SET title = CONCAT('x', title) WHERE id IN (1, 2)");
      s.executeUpdate(
          "DELETE FROM " + SCHEMA + ".product_tags WHERE tenant_id = 'acme' AND product_id = 1");
      s.executeUpdate(
          "INSERT INTO "
              + SCHEMA
              + ".products (tenant_id, id, title, price, active) VALUES ('acme', 900, 'new', 1, 1)");
      globexTitle = title(c, "globex", 1);
    }
    int tags = count("product_tags", "acme");
    String restore = restore(dataset, backup, "{\"all\": true}", false, "SUCCEEDED");
    JsonPath done = summary(restore);
    assertThat(done.getLong("counts.updated")).isEqualTo(2);
    assertThat(done.getLong("counts.created")).isGreaterThan(0);
    assertThat(done.getLong("counts.skipped")).isEqualTo(1);
    try (Connection c = connect()) {
      assertThat(title(c, "acme", 1)).doesNotStartWith("x");
      assertThat(title(c, "globex", 1)).as("another tenant's row").isEqualTo(globexTitle);
      assertThat(title(c, "acme", 900)).isEqualTo("new");
    }
    assertThat(count("product_tags", "acme")).isEqualTo(tags + done.getLong("counts.created"));
    JsonPath again = summary(restore(dataset, backup, "{\"all\": true}", false, "SUCCEEDED"));
    assertThat(again.getLong("counts.restored")).isZero();
  }

  // --- helpers

  private static String body(String backup, String selection, boolean includeAdded) {
    return "{\"backupId\": \"%s\", \"selection\": %s, \"includeAdded\": %s}"
        .formatted(backup, selection, includeAdded);
  }

  private String restore(
      String dataset, String backup, String selection, boolean includeAdded, String state) {
    String run =
        tenant
            .asMember()
            .contentType("application/json")
            .body(body(backup, selection, includeAdded))
            .post("/v1/datasets/" + dataset + "/restores")
            .then()
            .statusCode(202)
            .extract()
            .jsonPath()
            .getString("id");
    Awaitility.await()
        .atMost(Duration.ofSeconds(120))
        .until(
            () -> {
              String now = tenant.asReader().get("/v1/runs/" + run).path("state");
              assertThat(now)
                  .as(tenant.asReader().get("/v1/runs/" + run).asString())
                  .isIn("PENDING", "REQUESTED", "RUNNING", state);
              return state.equals(now);
            });
    return run;
  }

  private JsonPath summary(String restore) {
    return tenant
        .asReader()
        .get("/v1/dataset-restores/" + restore)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
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
    return ShopDatasets.register(tenant, "shop", shop.apiUrl(), "[]");
  }

  private String registerSql(String tenantValue) {
    String url = MariaDbTestResource.database().jdbcUrl();
    String port = url.replaceAll(".*://[^:/]+:(\\d+)/.*", "$1");
    var config =
        JSON.createObjectNode()
            .put("jdbcUrl", "jdbc:mariadb://127.0.0.1:" + port + "/" + SCHEMA)
            .put("tenantColumn", "tenant_id")
            .put("tenantValue", tenantValue);
    SharedShopDatabase.TABLES.forEach(config.withArray("tables")::add);
    var body = JSON.createObjectNode().put("name", "shop-" + tenantValue);
    body.putObject("source").put("kind", "SQL").set("config", config);
    body.putObject("credentials").put("username", EmbeddedDatabase.USER).put("password", "");
    return tenant.createDataset(body.toString());
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
    Awaitility.await()
        .atMost(Duration.ofSeconds(90))
        .until(() -> "SUCCEEDED".equals(tenant.asReader().get("/v1/runs/" + run).path("state")));
    return tenant
        .asReader()
        .get("/v1/datasets/" + dataset + "/backups")
        .then()
        .extract()
        .jsonPath()
        .getString("items[0].id");
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

  private static byte[] get(String url) throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create(url)).header("X-Shop-Key", ShopSettings.API_KEY).build();
    var response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  private static String sha256(byte[] bytes) throws Exception {
    return java.util.HexFormat.of()
        .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private static Connection connect() throws Exception {
    return DriverManager.getConnection(
        MariaDbTestResource.database().jdbcUrl(), EmbeddedDatabase.USER, "");
  }

  private static String title(Connection c, String tenant, long id) throws Exception {
    try (var ps =
        c.prepareStatement(
            "SELECT title FROM " + SCHEMA + ".products WHERE tenant_id = ? AND id = ?")) {
      ps.setString(1, tenant);
      ps.setLong(2, id);
      try (var rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  private static int count(String table, String tenant) throws Exception {
    try (Connection c = connect();
        var ps =
            c.prepareStatement(
                "SELECT COUNT(*) FROM " + SCHEMA + "." + table + " WHERE tenant_id = ?")) {
      ps.setString(1, tenant);
      try (var rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  private long events(String type) {
    return Db.read(
        () ->
            ((Number)
                    em.createNativeQuery(
                            "SELECT COUNT(*) FROM outbox_events WHERE event_type = ?1"
                                + " AND project_id = ?2")
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
