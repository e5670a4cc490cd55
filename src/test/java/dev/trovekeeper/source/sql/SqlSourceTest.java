package dev.trovekeeper.source.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trovekeeper.api.Problem.FieldError;
import dev.trovekeeper.demo.shop.SharedShopDatabase;
import dev.trovekeeper.source.CollectingSink;
import dev.trovekeeper.source.EntitySchema;
import dev.trovekeeper.source.InvalidSourceConfigException;
import dev.trovekeeper.testing.Schemas;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mariadb.jdbc.MariaDbPoolDataSource;

/** Must show 4 (reader part): one tenant's rows of the sample shared-schema database. */
class SqlSourceTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SCHEMA = "shop_shared_test";
  private static MariaDbPoolDataSource db;

  @BeforeAll
  static void database() throws Exception {
    db = Schemas.empty(SCHEMA);
    try (var c = db.getConnection()) {
      SharedShopDatabase.create(c, SCHEMA, SharedShopDatabase.TENANTS, 20);
    }
  }

  @AfterAll
  static void close() {
    db.close();
  }

  private static ObjectNode config(String tenant) {
    var port = db.getUrl().replaceAll(".*://[^:]+:(\\d+)/.*", "$1");
    var node =
        JSON.createObjectNode()
            .put("jdbcUrl", "jdbc:mariadb://127.0.0.1:" + port + "/" + SCHEMA)
            .put("tenantColumn", "tenant_id")
            .put("tenantValue", tenant)
            .put("fetchSize", 7);
    SharedShopDatabase.TABLES.forEach(node.withArray("tables")::add);
    return node;
  }

  private static CollectingSink read(ObjectNode config) throws InterruptedException {
    var sink = new CollectingSink();
    var credentials =
        SqlSourceConfigReader.credentials(
            JSON.createObjectNode().put("username", "root").put("password", ""));
    new SqlSource(SqlSourceConfigReader.read(config), credentials).read(sink);
    return sink;
  }

  private static long count(String table, String tenant) throws Exception {
    try (var c = db.getConnection();
        var s = c.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE tenant_id = ?")) {
      s.setString(1, tenant);
      try (var rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  @Test
  void theTenantsRowsOnceEachInForeignKeyOrderWithTheCycleReported() throws Exception {
    var sink = read(config("globex"));

    var order = sink.schema.entities().stream().map(EntitySchema::name).toList();
    assertThat(order)
        .containsExactly("customers", "orders", "products", "order_items", "product_tags");
    assertThat(sink.records.keySet()).containsExactlyElementsOf(order);
    assertThat(sink.schema.cycles()).containsExactly(List.of("customers", "orders"));
    // every reference outside the cycle points to a table read earlier
    for (var entity : sink.schema.entities()) {
      for (var ref : entity.references()) {
        boolean inCycle =
            sink.schema.cycles().get(0).containsAll(List.of(entity.name(), ref.entity()));
        if (!inCycle) {
          assertThat(order.indexOf(ref.entity()))
              .as(ref.name())
              .isLessThan(order.indexOf(entity.name()));
        }
      }
    }
    for (var table : order) {
      var rows = sink.records.get(table);
      assertThat(rows).as(table).hasSize((int) count(table, "globex")).isNotEmpty();
      assertThat(rows)
          .as(table)
          .allSatisfy(r -> assertThat(r.get("tenant_id").asText()).isEqualTo("globex"));
      var entity = sink.schema.entities().get(order.indexOf(table));
      var keys = new HashSet<String>();
      for (JsonNode r : rows) {
        keys.add(
            entity.idFields().stream()
                .map(f -> r.get(f).asText())
                .collect(Collectors.joining("|")));
      }
      assertThat(keys).as(table + " rows once each").hasSameSizeAs(rows);
      assertThat(sink.counts.get(table)).isEqualTo(rows.size());
    }
    var itemRefs = sink.schema.entities().get(3).references();
    assertThat(itemRefs)
        .extracting(r -> r.fields() + "->" + r.entity() + r.targetFields())
        .containsExactlyInAnyOrder(
            "[tenant_id, order_id]->orders[tenant_id, id]",
            "[tenant_id, product_id]->products[tenant_id, id]");
  }

  @Test
  void valuesAreTypedInJson() throws Exception {
    var sink = read(config("acme"));
    var product = sink.records.get("products").get(0);
    assertThat(product.get("price").isTextual()).isTrue();
    assertThat(product.get("price").asText()).matches("\\d+\\.\\d{2}");
    assertThat(product.get("weight_kg").isNumber()).isTrue();
    assertThat(product.get("active").isBoolean()).isTrue();
    assertThat(product.get("released").asText()).isEqualTo("2025-01-02");
    assertThat(product.get("thumbnail").asText()).isEqualTo("/9gBAA==");
    var order = sink.records.get("orders").get(0);
    assertThat(order.get("placed_at").asText()).isEqualTo("2026-02-01T01:00:00Z");
    assertThat(order.get("id").isIntegralNumber()).isTrue();
    var customer = sink.records.get("customers").get(3);
    assertThat(customer.get("email").isNull()).isTrue();
    assertThat(customer.get("created_at").asText()).isEqualTo("2026-01-01T12:00");
  }

  @Test
  void anotherTenantAndAnInjectedValueSeeOnlyTheirOwnRows() throws Exception {
    assertThat(read(config("initech")).records.get("customers")).hasSize(14);
    var injected = read(config("x' OR '1'='1"));
    assertThat(injected.total()).isZero();
  }

  @Test
  void tablesAndColumnsAreCheckedAgainstTheMetadata() {
    var missing = config("acme");
    missing.withArray("tables").add("invoices");
    assertThatThrownBy(() -> read(missing))
        .isInstanceOf(InvalidSourceConfigException.class)
        .satisfies(
            e ->
                assertThat(((InvalidSourceConfigException) e).errors())
                    .extracting(FieldError::field)
                    .containsExactly("tables[5]"));
    var column = config("acme").put("tenantColumn", "owner");
    assertThatThrownBy(() -> read(column))
        .isInstanceOf(InvalidSourceConfigException.class)
        .satisfies(e -> assertThat(((InvalidSourceConfigException) e).errors()).hasSize(5));
  }

  @Test
  void configurationErrorsNameTheirFields() {
    var bad =
        config("acme")
            .put("jdbcUrl", "jdbc:mysql://h/db?allowLoadLocalInfile=true")
            .put("tenantColumn", "a b");
    bad.withArray("tables").add("x`; DROP TABLE customers; --");
    assertThat(SqlSourceConfigReader.validate(bad))
        .extracting(FieldError::field)
        .containsExactlyInAnyOrder("jdbcUrl", "tenantColumn", "tables[5]");
    assertThat(
            SqlSourceConfigReader.credentials(
                    JSON.createObjectNode().put("username", "u").put("password", "pw-secret"))
                .toString())
        .doesNotContain("pw-secret")
        .doesNotContain("u,");
  }
}
