package dev.trovekeeper.migration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trovekeeper.boot.EmbeddedDatabase;
import dev.trovekeeper.demo.shop.SharedShopDatabase;
import dev.trovekeeper.testing.MariaDbTestResource;
import dev.trovekeeper.testing.Tenant;
import io.quarkus.test.junit.QuarkusTest;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, must show 2: the sample shared-schema database (FK chains, composite keys with the
 * tenant column, a customers/orders cycle, plus a natural key on products), tenant {@code acme}
 * migrated into another tenant through the API, as runs, on the real MariaDB.
 */
@QuarkusTest
class SqlMigrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SCHEMA = "shop_migrate";
  private static final String A = "acme";

  /** Per table: key columns (without tenant_id) and references (column -> referenced table). */
  private static final Map<String, List<String>> KEYS =
      Map.of(
          "customers", List.of("id"),
          "orders", List.of("id"),
          "products", List.of("id"),
          "order_items", List.of("order_id", "line_no"),
          "product_tags", List.of("product_id", "tag"));

  private static final Map<String, Map<String, String>> REFS =
      Map.of(
          "customers", Map.of("first_order_id", "orders"),
          "orders", Map.of("customer_id", "customers"),
          "products", Map.of(),
          "order_items", Map.of("order_id", "orders", "product_id", "products"),
          "product_tags", Map.of("product_id", "products"));

  @Test
  void tenantAIntoTenantBTwiceMatchesThePlanRewritesEveryReferenceAndLeavesAAlone()
      throws Exception {
    prepareDatabase();
    Tenant tenant = Tenant.create("mig", 0);
    String source = register(tenant, A);
    String target = register(tenant, "initech");
    String backup = backUp(tenant, source);
    String checksumA = checksum(A);
    Map<String, Long> before = counts("initech");
    String body = "{\"backupId\": \"" + backup + "\", \"targetDatasetId\": \"" + target + "\"}";

    JsonNode plan = plan(tenant, source, body);
    Map<String, Long> rowsOfA = counts(A);
    for (JsonNode t : plan.get("tables")) {
      String table = t.get("table").asText();
      long link = "products".equals(table) ? 1 : 0; // "Product 3 of acme" is initech's already
      assertThat(t.get("rows").asLong()).as(table).isEqualTo(rowsOfA.get(table));
      assertThat(t.get("create").asLong()).as(table).isEqualTo(rowsOfA.get(table) - link);
      assertThat(t.get("link").asLong()).as(table).isEqualTo(link);
      assertThat(t.get("update").asLong()).as(table).isZero();
      assertThat(t.get("blocked").asLong()).as(table).isZero();
    }
    assertThat(plan.at("/cycles/0/tables").toString()).isEqualTo("[\"customers\",\"orders\"]");
    assertThat(plan.at("/cycles/0/brokenBy/0/table").asText()).isEqualTo("customers");
    assertThat(plan.at("/cycles/0/brokenBy/0/columns").toString())
        .isEqualTo("[\"first_order_id\"]");
    assertThat(plan.at("/cycles/0/brokenBy/0/rows").asLong()).isEqualTo(rowsOfA.get("customers"));
    assertThat(plan.get("collisionCount").asLong()).isEqualTo(1);
    assertThat(plan.at("/collisions/0/uniqueKey").asText()).isEqualTo("uk_products_title");
    assertThat(plan.at("/collisions/0/action").asText()).isEqualTo("LINK");
    assertThat(counts("initech")).as("a plan writes nothing").isEqualTo(before);

    JsonNode first = migrate(tenant, source, body);
    assertMatchesPlan(first, plan, true);
    Map<String, Long> after = counts("initech");
    for (String table : KEYS.keySet()) {
      long link = "products".equals(table) ? 1 : 0;
      assertThat(after.get(table))
          .as(table + ": B's own rows plus each of A's once")
          .isEqualTo(before.get(table) + rowsOfA.get(table) - link);
    }
    verifyMigrated(tenant.projectId, "initech");
    assertThat(productTitle("initech", 1000)).isEqualTo("Product 3 of acme");

    JsonNode again = plan(tenant, source, body);
    for (JsonNode t : again.get("tables")) {
      String table = t.get("table").asText();
      long link = "products".equals(table) ? 1 : 0;
      assertThat(t.get("create").asLong()).as(table).isZero();
      assertThat(t.get("update").asLong()).as(table).isEqualTo(rowsOfA.get(table) - link);
      assertThat(t.get("deferred").asLong()).as(table + ": the cycle is mapped now").isZero();
    }
    JsonNode second = migrate(tenant, source, body);
    assertMatchesPlan(second, again, false);
    assertThat(counts("initech")).as("a second run duplicates nothing").isEqualTo(after);
    verifyMigrated(tenant.projectId, "initech");
    assertThat(checksum(A)).as("tenant A is never written").isEqualTo(checksumA);
  }

  @Test
  void aRunBrokenBetweenTargetAndIdMapResumesToTheSameEndStateWithoutDuplicates() throws Exception {
    prepareDatabase();
    Tenant tenant = Tenant.create("migcrash", 0);
    String source = register(tenant, A);
    String target = register(tenant, "globex");
    String backup = backUp(tenant, source);
    String checksumA = checksum(A);
    Map<String, Long> before = counts("globex");
    Map<String, Long> rowsOfA = counts(A);
    String body = "{\"backupId\": \"" + backup + "\", \"targetDatasetId\": \"" + target + "\"}";

    MigrationCrash.arm("orders"); // customers are mapped, orders written but not mapped
    JsonNode run = migrate(tenant, source, body);
    assertThat(MigrationCrash.fired()).isTrue();
    assertThat(run.get("attempts").asInt()).as("the step broke and was run again").isEqualTo(2);
    Map<String, Long> after = counts("globex");
    for (String table : KEYS.keySet()) {
      assertThat(after.get(table))
          .as(table + ": each of A's rows once, none twice")
          .isEqualTo(before.get(table) + rowsOfA.get(table));
    }
    verifyMigrated(tenant.projectId, "globex");

    JsonNode plan = plan(tenant, source, body);
    assertThat(plan.get("rowsToCreate").asLong()).as("converged: nothing left to create").isZero();
    migrate(tenant, source, body);
    assertThat(counts("globex")).isEqualTo(after);
    verifyMigrated(tenant.projectId, "globex");
    assertThat(checksum(A)).isEqualTo(checksumA);
  }

  @Test
  void aCancelledMigrationStopsAfterItsBatchAndANewOneCompletesIt() throws Exception {
    prepareDatabase();
    Tenant tenant = Tenant.create("migcancel", 0);
    String source = register(tenant, A);
    String target = register(tenant, "umbrella"); // a tenant with no rows yet
    String backup = backUp(tenant, source);
    String body = "{\"backupId\": \"" + backup + "\", \"targetDatasetId\": \"" + target + "\"}";
    MigrationCrash.arm(
        "orders",
        written -> {
          // the tenant cancels while the run is writing orders
          String publicId = publicRunId(written.runId());
          tenant.asMember().post("/v1/runs/" + publicId + "/cancel").then().statusCode(200);
          try {
            Thread.sleep(1_100); // so the next progress write (at most once a second) comes now
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    var response =
        tenant
            .asMember()
            .contentType("application/json")
            .body(body)
            .post("/v1/datasets/" + source + "/migrations");
    assertThat(response.statusCode()).isEqualTo(202);
    String runId = response.jsonPath().getString("id");
    Awaitility.await()
        .atMost(Duration.ofSeconds(90))
        .until(() -> "CANCELLED".equals(tenant.asReader().get("/v1/runs/" + runId).path("state")));
    Map<String, Long> partial = counts("umbrella");
    assertThat(partial.get("orders")).as("orders were written").isPositive();
    assertThat(partial.get("products")).as("stopped before products").isZero();

    migrate(tenant, source, body);
    Map<String, Long> rowsOfA = counts(A);
    assertThat(counts("umbrella")).isEqualTo(rowsOfA);
    verifyMigrated(tenant.projectId, "umbrella");
  }

  private static String publicRunId(long runId) {
    try (Connection c = connect();
        var ps = c.prepareStatement("SELECT public_id FROM runs WHERE id = ?")) {
      ps.setLong(1, runId);
      try (var rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aTargetOnAnotherDatabaseOrTheSameTenantIsRefused() throws Exception {
    prepareDatabase();
    Tenant tenant = Tenant.create("migbad", 0);
    String source = register(tenant, A);
    String same = register(tenant, A);
    String backup = backUp(tenant, source);
    var response =
        tenant
            .asMember()
            .contentType("application/json")
            .body("{\"backupId\": \"" + backup + "\", \"targetDatasetId\": \"" + same + "\"}")
            .post("/v1/datasets/" + source + "/migrations");
    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.jsonPath().getString("code")).isEqualTo("MIGRATION_REFUSED");
    assertThat(response.jsonPath().getString("detail")).contains("tenant value must differ");

    String rest = tenant.createDataset(dev.trovekeeper.testing.TenantData.DATASET);
    var intoRest =
        tenant
            .asMember()
            .contentType("application/json")
            .body("{\"backupId\": \"" + backup + "\", \"targetDatasetId\": \"" + rest + "\"}")
            .post("/v1/datasets/" + source + "/migrations/plan");
    assertThat(intoRest.statusCode()).isEqualTo(422);
    assertThat(intoRest.jsonPath().getString("detail")).contains("SQL dataset");
    var otherBackup =
        tenant
            .asMember()
            .contentType("application/json")
            .body("{\"backupId\": \"" + backup + "\", \"targetDatasetId\": \"" + source + "\"}")
            .post("/v1/datasets/" + same + "/migrations");
    assertThat(otherBackup.statusCode()).as("a backup of another dataset").isEqualTo(404);
    assertThat(tenant.asReader().get("/v1/datasets/" + same + "/runs").jsonPath().getList("items"))
        .as("nothing queued")
        .isEmpty();
  }

  // --- the run and the plan through the API

  static JsonNode plan(Tenant tenant, String source, String body) throws Exception {
    var response = postPlan(tenant, source, body);
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    return JSON.readTree(response.asString());
  }

  /** The plan's answer, whatever its status. */
  static io.restassured.response.Response postPlan(Tenant tenant, String source, String body) {
    return tenant
        .asReader()
        .contentType("application/json")
        .body(body)
        .post("/v1/datasets/" + source + "/migrations/plan");
  }

  static JsonNode migrate(Tenant tenant, String source, String body) throws Exception {
    JsonNode run = migrationRun(tenant, source, body);
    assertThat(run.get("state").asText()).as(run.toString()).isEqualTo("SUCCEEDED");
    assertThat(run.get("percent").asInt()).isEqualTo(100);
    assertThat(run.at("/progress/rows").asLong()).isPositive();
    return run;
  }

  /** Starts a migration and answers its run once ended, whatever its state. */
  static JsonNode migrationRun(Tenant tenant, String source, String body) throws Exception {
    var response =
        tenant
            .asMember()
            .contentType("application/json")
            .body(body)
            .post("/v1/datasets/" + source + "/migrations");
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(202);
    String runId = response.jsonPath().getString("id");
    assertThat(response.jsonPath().getString("operation")).isEqualTo("MIGRATE");
    Awaitility.await()
        .atMost(Duration.ofSeconds(90))
        .until(
            () ->
                List.of("SUCCEEDED", "FAILED", "CANCELLED", "SKIPPED")
                    .contains(tenant.asReader().get("/v1/runs/" + runId).path("state")));
    return JSON.readTree(tenant.asReader().get("/v1/runs/" + runId).asString());
  }

  /** The run did per table what the plan said; a first run also set every deferred reference. */
  static void assertMatchesPlan(JsonNode run, JsonNode plan, boolean first) {
    Map<String, JsonNode> planned = new HashMap<>();
    plan.get("tables").forEach(t -> planned.put(t.get("table").asText(), t));
    JsonNode tables = run.at("/progress/tables");
    assertThat(tables).hasSize(planned.size());
    for (JsonNode done : tables) {
      JsonNode p = planned.get(done.get("table").asText());
      for (String field : List.of("rows", "create", "update", "link", "blocked", "deferred")) {
        assertThat(done.get(field).asLong())
            .as(done.get("table").asText() + "." + field)
            .isEqualTo(p.get(field).asLong());
      }
      assertThat(done.get("fixed").asLong())
          .as("deferred references set afterwards")
          .isEqualTo(first ? p.get("deferred").asLong() : 0);
    }
  }

  // --- the shared database

  static Connection connect() throws Exception {
    return DriverManager.getConnection(
        MariaDbTestResource.database().jdbcUrl(), EmbeddedDatabase.USER, "");
  }

  private static synchronized void prepareDatabase() throws Exception {
    try (Connection c = connect()) {
      if (SharedShopDatabase.create(c, SCHEMA, SharedShopDatabase.TENANTS, 12)) {
        try (var s = c.createStatement()) {
          // a natural key, and tenant B owning one of A's titles already
          s.execute(
              "ALTER TABLE "
                  + SCHEMA
                  + ".products ADD CONSTRAINT uk_products_title UNIQUE (tenant_id, title)");
          s.execute(
              "INSERT INTO "
                  + SCHEMA
                  + ".products (tenant_id, id, title, price, active)"
                  + " VALUES ('initech', 1000, 'Product 3 of acme', 1.00, TRUE)");
        }
      }
    }
  }

  private static String register(Tenant tenant, String tenantValue) {
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

  static String backUp(Tenant tenant, String dataset) {
    String runId =
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
        .until(() -> "SUCCEEDED".equals(tenant.asReader().get("/v1/runs/" + runId).path("state")));
    return tenant
        .asReader()
        .queryParam("status", "COMPLETED")
        .get("/v1/datasets/" + dataset + "/backups")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getString("items[0].id");
  }

  private static Map<String, Long> counts(String tenantValue) throws Exception {
    Map<String, Long> counts = new LinkedHashMap<>();
    try (Connection c = connect()) {
      for (String table : KEYS.keySet()) {
        try (var ps =
            c.prepareStatement(
                "SELECT COUNT(*) FROM " + SCHEMA + "." + table + " WHERE tenant_id = ?")) {
          ps.setString(1, tenantValue);
          try (var rs = ps.executeQuery()) {
            rs.next();
            counts.put(table, rs.getLong(1));
          }
        }
      }
    }
    return new java.util.TreeMap<>(counts);
  }

  /** Every column of every row of the tenant, in key order, hashed. */
  private static String checksum(String tenantValue) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (Connection c = connect()) {
      for (String table : new java.util.TreeSet<>(KEYS.keySet())) {
        for (Map<String, String> row : rows(c, table, tenantValue)) {
          digest.update((table + row).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static List<Map<String, String>> rows(Connection c, String table, String tenantValue)
      throws Exception {
    List<Map<String, String>> rows = new ArrayList<>();
    try (var ps =
        c.prepareStatement(
            "SELECT * FROM "
                + SCHEMA
                + "."
                + table
                + " WHERE tenant_id = ? ORDER BY "
                + String.join(", ", KEYS.get(table)))) {
      ps.setString(1, tenantValue);
      try (var rs = ps.executeQuery()) {
        var meta = rs.getMetaData();
        while (rs.next()) {
          Map<String, String> row = new LinkedHashMap<>();
          for (int i = 1; i <= meta.getColumnCount(); i++) {
            row.put(meta.getColumnName(i), rs.getString(i));
          }
          rows.add(row);
        }
      }
    }
    return rows;
  }

  private static String productTitle(String tenantValue, long id) throws Exception {
    try (Connection c = connect();
        var ps =
            c.prepareStatement(
                "SELECT title FROM " + SCHEMA + ".products WHERE tenant_id = ? AND id = ?")) {
      ps.setString(1, tenantValue);
      ps.setLong(2, id);
      try (var rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  /**
   * Each of A's rows is in B exactly once (the kept id map is a one-to-one map onto B's rows), with
   * the same values, and every reference points at B's row that corresponds to A's referenced row.
   */
  private static void verifyMigrated(String project, String b) throws Exception {
    try (Connection c = connect()) {
      Map<String, Map<String, String>> maps = new HashMap<>();
      Set<String> linked = new HashSet<>();
      try (var ps =
          c.prepareStatement(
              "SELECT m.entity, m.source_key, m.target_key, m.linked FROM migration_id_map m"
                  + " JOIN migration_scopes s ON s.id = m.scope_id WHERE s.project_id = ?"
                  + " AND s.source_tenant = ? AND s.target_tenant = ?")) {
        ps.setString(1, project);
        ps.setString(2, A);
        ps.setString(3, b);
        try (var rs = ps.executeQuery()) {
          while (rs.next()) {
            maps.computeIfAbsent(rs.getString(1), k -> new HashMap<>())
                .put(rs.getString(2), rs.getString(3));
            if (rs.getBoolean(4)) {
              linked.add(rs.getString(1) + rs.getString(2));
            }
          }
        }
      }
      for (String table : KEYS.keySet()) {
        List<Map<String, String>> rowsOfA = rows(c, table, A);
        Map<String, Map<String, String>> rowsOfB = new HashMap<>();
        for (Map<String, String> row : rows(c, table, b)) {
          rowsOfB.put(key(row, KEYS.get(table)), row);
        }
        Map<String, String> map = maps.getOrDefault(table, Map.of());
        assertThat(map).as(table + ": one entry per row of A").hasSize(rowsOfA.size());
        assertThat(new HashSet<>(map.values()))
            .as(table + ": distinct rows of B")
            .hasSize(rowsOfA.size())
            .doesNotContainNull();
        for (Map<String, String> rowA : rowsOfA) {
          String sourceKey = key(rowA, KEYS.get(table));
          Map<String, String> rowB = rowsOfB.get(map.get(sourceKey));
          assertThat(rowB).as(table + " " + sourceKey + " in B").isNotNull();
          if (linked.contains(table + sourceKey)) {
            continue; // B's own row (natural-key collision), left as it was
          }
          for (var column : rowA.entrySet()) {
            String name = column.getKey();
            String refTable = REFS.get(table).get(name);
            if (name.equals("tenant_id")) {
              assertThat(rowB.get(name)).isEqualTo(b);
            } else if (refTable != null) {
              String expected =
                  column.getValue() == null
                      ? null
                      : maps.get(refTable).get("[\"" + column.getValue() + "\"]");
              assertThat(rowB.get(name) == null ? null : "[\"" + rowB.get(name) + "\"]")
                  .as(table + " " + sourceKey + "." + name + " rewritten")
                  .isEqualTo(expected);
            } else if (!KEYS.get(table).contains(name)) {
              assertThat(rowB.get(name))
                  .as(table + " " + sourceKey + "." + name)
                  .isEqualTo(column.getValue());
            }
          }
        }
      }
    }
  }

  private static String key(Map<String, String> row, List<String> columns) {
    var array = JSON.createArrayNode();
    columns.forEach(c -> array.add(row.get(c)));
    return array.toString();
  }
}
