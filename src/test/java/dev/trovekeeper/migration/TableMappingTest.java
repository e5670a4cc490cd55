package dev.trovekeeper.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trovekeeper.source.EntitySchema;
import dev.trovekeeper.source.Reference;
import java.sql.Types;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How each table's keys are made and which references are deferred. Pure, no database. */
class TableMappingTest {

  private static TargetSchema.Column column(String name, int type, boolean nullable, boolean ai) {
    return new TargetSchema.Column(name, type, "X", nullable, ai, type == Types.VARCHAR ? 36 : 20);
  }

  private static TargetSchema.Table table(
      String name, List<String> pk, TargetSchema.Column... columns) {
    Map<String, TargetSchema.Column> byName = new LinkedHashMap<>();
    byName.put("tenant_id", column("tenant_id", Types.VARCHAR, false, false));
    for (TargetSchema.Column c : columns) {
      byName.put(c.name(), c);
    }
    return new TargetSchema.Table(name, byName, pk, Map.of());
  }

  private static EntitySchema entity(String name, List<String> ids, Reference... refs) {
    return new EntitySchema(name, ids, null, List.of(refs), List.of(), Map.of());
  }

  private static Reference ref(String name, String column, String table, String targetColumn) {
    return new Reference(
        name, List.of("tenant_id", column), table, List.of("tenant_id", targetColumn));
  }

  @Test
  void keysAreGeneratedByTheColumnsKindAndACycleIsBrokenAtItsLaterReference() {
    var target =
        Map.of(
            "customers",
            table(
                "customers",
                List.of("tenant_id", "id"),
                column("id", Types.BIGINT, false, false),
                column("first_order_id", Types.BIGINT, true, false)),
            "orders",
            table(
                "orders",
                List.of("id"),
                column("id", Types.BIGINT, false, true),
                column("customer_id", Types.BIGINT, false, false)),
            "items",
            table(
                "items",
                List.of("tenant_id", "order_id", "line"),
                column("order_id", Types.BIGINT, false, false),
                column("line", Types.INTEGER, false, false)),
            "notes",
            table(
                "notes", List.of("tenant_id", "uid"), column("uid", Types.VARCHAR, false, false)));
    var mappings =
        TableMapping.of(
            List.of(
                entity(
                    "customers",
                    List.of("tenant_id", "id"),
                    ref("fk_first", "first_order_id", "orders", "id")),
                entity("orders", List.of("id"), ref("fk_cust", "customer_id", "customers", "id")),
                entity(
                    "items",
                    List.of("tenant_id", "order_id", "line"),
                    ref("fk_order", "order_id", "orders", "id")),
                entity("notes", List.of("tenant_id", "uid"))),
            target,
            "tenant_id");

    assertThat(mappings.get("customers").generation())
        .isEqualTo(TableMapping.Generation.NEXT_NUMBER);
    assertThat(mappings.get("orders").generation())
        .isEqualTo(TableMapping.Generation.AUTO_INCREMENT);
    assertThat(mappings.get("items").generation()).isEqualTo(TableMapping.Generation.DERIVED);
    assertThat(mappings.get("items").keyColumns()).containsExactly("order_id", "line");
    assertThat(mappings.get("notes").generation()).isEqualTo(TableMapping.Generation.UUID);
    assertThat(mappings.get("customers").references().get(0).deferred()).isTrue();
    assertThat(mappings.get("orders").references().get(0).deferred()).isFalse();
    assertThat(mappings.get("items").references().get(0).columns()).containsExactly("order_id");
  }

  @Test
  void aCycleWithoutANullableColumnIsRefused() {
    var target =
        Map.of(
            "a",
            table(
                "a",
                List.of("tenant_id", "id"),
                column("id", Types.BIGINT, false, false),
                column("parent_id", Types.BIGINT, false, false)));
    assertThatThrownBy(
            () ->
                TableMapping.of(
                    List.of(
                        entity(
                            "a",
                            List.of("tenant_id", "id"),
                            ref("fk_parent", "parent_id", "a", "id"))),
                    target,
                    "tenant_id"))
        .isInstanceOf(MigrationException.class)
        .hasMessageContaining("parent_id")
        .extracting(e -> ((MigrationException) e).code())
        .isEqualTo("CYCLE_UNBREAKABLE");
  }
}
