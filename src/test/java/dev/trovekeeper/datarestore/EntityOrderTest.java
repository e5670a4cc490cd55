package dev.trovekeeper.datarestore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class EntityOrderTest {

  static final ObjectMapper JSON = new ObjectMapper();

  static JsonNode schema(String json) throws Exception {
    return JSON.readTree(json);
  }

  @Test
  void parentsComeBeforeTheirChildrenTiesInTheBackupsOrder() throws Exception {
    JsonNode schema =
        schema(
            """
            {"entities": [
              {"name": "collections", "references": [{"fields": ["product_ids[]"], "entity": "products"}]},
              {"name": "orders", "references": [{"fields": ["customer_id"], "entity": "customers"},
                                                {"fields": ["line_items[].product_id"], "entity": "products"}]},
              {"name": "products", "references": []},
              {"name": "customers", "references": []}]}""");
    assertThat(EntityOrder.of(List.of("collections", "orders", "products", "customers"), schema))
        .containsExactly("products", "collections", "customers", "orders");
  }

  @Test
  void entitiesOnACycleComeTogetherInTheBackupsOrderAndSelfReferencesAreIgnored() throws Exception {
    JsonNode schema =
        schema(
            """
            {"entities": [
              {"name": "items", "references": [{"fields": ["order_id"], "entity": "orders"}]},
              {"name": "orders", "references": [{"fields": ["customer_id"], "entity": "customers"}]},
              {"name": "customers", "references": [{"fields": ["first_order_id"], "entity": "orders"},
                                                   {"fields": ["referrer"], "entity": "customers"}]}]}""");
    assertThat(EntityOrder.of(List.of("items", "orders", "customers"), schema))
        .containsExactly("orders", "customers", "items");
    assertThat(EntityOrder.of(List.of("a", "b"), null)).containsExactly("a", "b");
  }
}
