package dev.trovekeeper.migration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trovekeeper.demo.shop.DemoShop;
import dev.trovekeeper.demo.shop.ShopSettings;
import dev.trovekeeper.storage.ObjectKey;
import dev.trovekeeper.storage.ObjectStore;
import dev.trovekeeper.testing.Db;
import dev.trovekeeper.testing.ShopDatasets;
import dev.trovekeeper.testing.Tenant;
import dev.trovekeeper.testing.TestInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, must show 2 for a REST source: the sample shop's own data (tenant A, with a declared
 * products/orders reference cycle) migrated into another tenant of the shop ({@code /shop/t/beta})
 * through its API, twice, on the real shop, MariaDB and S3: B holds each of A's objects once with
 * every reference rewritten through the kept id map, B's own objects stay, A is unchanged, the plan
 * matched each run; a run broken midway is taken up again and converges.
 */
@QuarkusTest
class RestMigrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> ENTITIES =
      List.of("collections", "orders", "products", "customers");

  private final DemoShop shop = TestInfrastructure.region().shop();
  @Inject ObjectStore store;
  @Inject EntityManager em;

  @AfterEach
  void resetShop() {
    shop.configure(ShopSettings.defaults());
  }

  @Test
  void tenantAIntoTenantBTwiceThroughTheApiMatchesThePlanAndABrokenRunConverges() throws Exception {
    shop.configure(
        ShopSettings.defaults().withSizes(12, 8, 10, 4).withRateLimit(0, Duration.ofSeconds(1)));
    for (long id = 1; id <= 3; id++) { // closes the cycle products -> orders -> products
      ObjectNode product = shop.find("products", id).orElseThrow();
      product.put("featured_order_id", id + 4);
      assertThat(shop.put("products", id, product)).isTrue();
    }
    shop.add("beta", "customers", JSON.createObjectNode().put("email", "own@beta"));
    Tenant tenant = Tenant.create("restmig", 0);
    String source = register(tenant, "alpha", shop.apiUrl());
    String target = register(tenant, "beta", shop.apiUrl("beta"));
    String backup = SqlMigrationTest.backUp(tenant, source);
    JsonNode objectsOfA = parsed(everything(null));
    String body = "{\"backupId\": \"" + backup + "\", \"targetDatasetId\": \"" + target + "\"}";

    JsonNode plan = SqlMigrationTest.plan(tenant, source, body);
    for (JsonNode t : plan.get("tables")) {
      long rows = shop.records(null, t.get("table").asText()).size();
      assertThat(t.get("rows").asLong()).isEqualTo(rows);
      assertThat(t.get("create").asLong()).isEqualTo(rows);
      assertThat(t.get("update").asLong()).isZero();
    }
    assertThat(plan.at("/cycles/0/tables").toString()).isEqualTo("[\"orders\",\"products\"]");
    assertThat(plan.at("/cycles/0/brokenBy/0/table").asText()).isEqualTo("orders");
    assertThat(plan.at("/cycles/0/brokenBy/0/columns/0").asText())
        .isEqualTo("line_items[].product_id");
    assertThat(plan.at("/cycles/0/brokenBy/0/rows").asLong()).isEqualTo(10);

    JsonNode first = SqlMigrationTest.migrate(tenant, source, body);
    SqlMigrationTest.assertMatchesPlan(first, plan, true);
    assertThat(shop.uploads()).as("the products' images, uploaded to B").isNotEmpty();
    verifyMigrated(tenant.projectId, "beta");

    JsonNode again = SqlMigrationTest.plan(tenant, source, body);
    assertThat(again.get("rowsToCreate").asLong()).isZero();
    assertThat(again.get("rowsToUpdate").asLong()).isEqualTo(34);
    JsonNode objectsOfB = parsed(everything("beta"));
    JsonNode second = SqlMigrationTest.migrate(tenant, source, body);
    SqlMigrationTest.assertMatchesPlan(second, again, false);
    assertThat(parsed(everything("beta"))).as("updated, not duplicated").isEqualTo(objectsOfB);
    verifyMigrated(tenant.projectId, "beta");
    assertThat(shop.records("beta", "customers").get(0).get("email").asText())
        .as("B's own objects stay")
        .isEqualTo("own@beta");

    // into a third tenant, broken after the first product: taken up again, it converges
    String gamma = register(tenant, "gamma", shop.apiUrl("gamma"));
    String intoGamma = body.replace(target, gamma);
    MigrationCrash.arm("products");
    JsonNode broken = SqlMigrationTest.migrate(tenant, source, intoGamma);
    assertThat(MigrationCrash.fired()).isTrue();
    assertThat(broken.get("attempts").asInt()).as("the step broke and was run again").isEqualTo(2);
    verifyMigrated(tenant.projectId, "gamma");
    assertThat(parsed(everything(null))).as("A only read").isEqualTo(objectsOfA);
  }

  @Test
  void aBackupWhoseManifestHasNoSchemaIsRefusedAndNothingIsWritten() throws Exception {
    shop.configure(
        ShopSettings.defaults().withSizes(3, 2, 2, 1).withRateLimit(0, Duration.ofSeconds(1)));
    Tenant tenant = Tenant.create("restmig-noschema", 0);
    String source = register(tenant, "alpha", shop.apiUrl());
    String target = register(tenant, "delta", shop.apiUrl("delta"));
    String backup = SqlMigrationTest.backUp(tenant, source);
    dropSchema(backup); // the format leaves it optional (an older or foreign writer)
    String body = "{\"backupId\": \"" + backup + "\", \"targetDatasetId\": \"" + target + "\"}";

    var plan = SqlMigrationTest.postPlan(tenant, source, body);
    assertThat(plan.statusCode()).as(plan.asString()).isEqualTo(422);
    assertThat(plan.contentType()).startsWith("application/problem+json");
    assertThat(plan.jsonPath().getString("detail")).contains("no source schema");

    JsonNode run = SqlMigrationTest.migrationRun(tenant, source, body);
    assertThat(run.get("state").asText()).as(run.toString()).isEqualTo("FAILED");
    assertThat(run.get("reasonCode").asText()).isEqualTo("BACKUP_SCHEMA_MISSING");
    for (String entity : ENTITIES) {
      assertThat(shop.records("delta", entity)).as("nothing written: " + entity).isEmpty();
    }
  }

  /** Rewrites the backup's manifest without its {@code schema}. */
  private void dropSchema(String backupId) throws Exception {
    ObjectKey manifest =
        new ObjectKey(
            Db.read(
                () ->
                    (String)
                        em.createNativeQuery("SELECT location FROM artifacts WHERE public_id = ?1")
                            .setParameter(1, backupId)
                            .getSingleResult()));
    ObjectNode json;
    try (var in = store.get(manifest)) {
      json = (ObjectNode) JSON.readTree(in);
    }
    assertThat(json.remove("schema")).isNotNull();
    byte[] bytes = JSON.writeValueAsBytes(json);
    store.put(manifest, new ByteArrayInputStream(bytes), bytes.length, "application/json");
  }

  /** Every object of B once per object of A, each reference rewritten through the id map. */
  private void verifyMigrated(String project, String b) throws Exception {
    Map<String, Map<String, String>> maps = new HashMap<>();
    try (Connection c = SqlMigrationTest.connect();
        var ps =
            c.prepareStatement(
                "SELECT m.entity, m.source_key, m.target_key FROM migration_id_map m"
                    + " JOIN migration_scopes s ON s.id = m.scope_id WHERE s.project_id = ?"
                    + " AND s.target_tenant = ?")) {
      ps.setString(1, project);
      ps.setString(2, shop.apiUrl(b));
      try (var rs = ps.executeQuery()) {
        while (rs.next()) {
          maps.computeIfAbsent(rs.getString(1), k -> new HashMap<>())
              .put(rs.getString(2), rs.getString(3));
        }
      }
    }
    for (String entity : ENTITIES) {
      List<ObjectNode> ofA = shop.records(null, entity);
      List<ObjectNode> ofB = shop.records(b, entity);
      Map<String, String> map = maps.get(entity);
      assertThat(ofB)
          .as(entity)
          .hasSize(ofA.size() + (b.equals("beta") && entity.equals("customers") ? 1 : 0));
      assertThat(map).as(entity).hasSize(ofA.size());
      assertThat(new HashSet<>(map.values())).as(entity + ": distinct").hasSize(ofA.size());
      Map<String, ObjectNode> byId = new HashMap<>();
      ofB.forEach(o -> byId.put(o.get("id").asText(), o));
      for (ObjectNode a : ofA) {
        ObjectNode expected = a.deepCopy();
        expected.put("id", Long.parseLong(map.get(a.get("id").asText())));
        rewrite(expected, "customer_id", maps.get("customers"));
        rewrite(expected, "featured_order_id", maps.get("orders"));
        expected
            .path("line_items")
            .forEach(i -> rewrite((ObjectNode) i, "product_id", maps.get("products")));
        if (expected.has("product_ids")) {
          var ids = expected.putArray("product_ids");
          a.get("product_ids")
              .forEach(p -> ids.add(Long.parseLong(maps.get("products").get(p.asText()))));
        }
        assertThat(parsed(byId.get(map.get(a.get("id").asText()))))
            .as(entity + " " + a.get("id"))
            .isEqualTo(parsed(expected));
      }
    }
  }

  /** The same JSON with the same number types (an id put as long equals one read as int). */
  private static JsonNode parsed(JsonNode node) throws Exception {
    return JSON.readTree(String.valueOf(node));
  }

  private static void rewrite(ObjectNode node, String field, Map<String, String> map) {
    if (node.hasNonNull(field)) {
      node.put(field, Long.parseLong(map.get(node.get(field).asText())));
    }
  }

  private JsonNode everything(String tenant) {
    ObjectNode all = JSON.createObjectNode();
    ENTITIES.forEach(e -> shop.records(tenant, e).forEach(all.withArray(e)::add));
    return all;
  }

  private static String register(Tenant tenant, String name, String baseUrl) {
    return ShopDatasets.register(
        tenant, name, baseUrl, "[{\"field\": \"featured_order_id\", \"entity\": \"orders\"}]");
  }
}
