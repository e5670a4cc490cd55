package dev.trovekeeper.datarestore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class IdRewriterTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void referencesToRecreatedObjectsAreRewrittenAlongTheirFieldPaths() throws Exception {
    IdRewriter ids =
        new IdRewriter(
            JSON.readTree(
                """
                {"entities": [{"name": "orders", "references": [
                  {"fields": ["customer_id"], "entity": "customers"},
                  {"fields": ["line_items[].product_id"], "entity": "products"}]},
                  {"name": "collections", "references": [
                  {"fields": ["product_ids[]"], "entity": "products"}]}]}"""));
    JsonNode order =
        JSON.readTree(
            """
            {"id": 1, "customer_id": 7, "line_items": [{"product_id": 3}, {"product_id": 4}]}""");
    assertThat(ids.rewrite("orders", order)).isSameAs(order);

    ids.renamed("customers", "7", "70");
    ids.renamed("products", "3", "abc");
    JsonNode rewritten = ids.rewrite("orders", order);
    assertThat(rewritten.toString())
        .isEqualTo(
            "{\"id\":1,\"customer_id\":70,\"line_items\":[{\"product_id\":\"abc\"},{\"product_id\":4}]}");
    assertThat(order.get("customer_id").asInt())
        .as("the backup's record is not changed")
        .isEqualTo(7);
    assertThat(ids.rewrite("collections", JSON.readTree("{\"product_ids\": [3, 5]}")).toString())
        .isEqualTo("{\"product_ids\":[\"abc\",5]}");
    assertThat(ids.renamed()).isEqualTo(2);
  }
}
