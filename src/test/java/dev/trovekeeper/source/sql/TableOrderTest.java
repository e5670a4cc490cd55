package dev.trovekeeper.source.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableOrderTest {

  private static ForeignKey fk(String child, String parent) {
    return new ForeignKey("fk_" + child + "_" + parent, child, List.of("x"), parent, List.of("id"));
  }

  @Test
  void parentsBeforeChildrenTiesByName() {
    var order =
        TableOrder.of(
            List.of("order_items", "orders", "customers", "products"),
            List.of(
                fk("orders", "customers"),
                fk("order_items", "orders"),
                fk("order_items", "products")));
    assertThat(order.tables()).containsExactly("customers", "orders", "products", "order_items");
    assertThat(order.cycles()).isEmpty();
  }

  @Test
  void aCycleIsReportedAndItsTablesComeOnceTogether() {
    var order =
        TableOrder.of(
            List.of("order_items", "orders", "customers", "products", "product_tags"),
            List.of(
                fk("orders", "customers"),
                fk("customers", "orders"),
                fk("order_items", "orders"),
                fk("order_items", "products"),
                fk("product_tags", "products")));
    assertThat(order.tables())
        .containsExactly("customers", "orders", "products", "order_items", "product_tags");
    assertThat(order.cycles()).containsExactly(List.of("customers", "orders"));
  }

  @Test
  void aSelfReferenceIsACycleOfOne() {
    var order =
        TableOrder.of(
            List.of("categories", "products"),
            List.of(fk("categories", "categories"), fk("products", "categories")));
    assertThat(order.tables()).containsExactly("categories", "products");
    assertThat(order.cycles()).containsExactly(List.of("categories"));
  }

  @Test
  void keysToTablesNotReadAreIgnored() {
    var order = TableOrder.of(List.of("b", "a"), List.of(fk("a", "elsewhere"), fk("a", "b")));
    assertThat(order.tables()).containsExactly("b", "a");
  }
}
