package dev.trovekeeper.source.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class FieldPathTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode order() throws Exception {
    return JSON.readTree(
        """
        {"id": 7, "customer_id": 3, "product_ids": [1, 2, null],
         "line_items": [{"product_id": 11}, {"product_id": 12}, {"other": 1}],
         "images": [{"src": "http://x/a.jpg"}, {"src": "http://x/b.jpg"}],
         "address": {"city": "Bern"}}
        """);
  }

  @Test
  void singleFieldsListsAndFieldsOfEachElement() throws Exception {
    var order = order();
    assertThat(FieldPath.of("customer_id").values(order))
        .extracting(JsonNode::asInt)
        .containsExactly(3);
    assertThat(FieldPath.of("address.city").values(order))
        .extracting(JsonNode::asText)
        .containsExactly("Bern");
    assertThat(FieldPath.of("product_ids[]").values(order))
        .extracting(JsonNode::asInt)
        .containsExactly(1, 2);
    assertThat(FieldPath.of("line_items[].product_id").values(order))
        .extracting(JsonNode::asInt)
        .containsExactly(11, 12);
    assertThat(FieldPath.of("images[].src").values(order))
        .extracting(JsonNode::asText)
        .containsExactly("http://x/a.jpg", "http://x/b.jpg");
    assertThat(FieldPath.of("missing[].x").values(order)).isEmpty();
    assertThat(FieldPath.of("images[].src").multiple()).isTrue();
    assertThat(FieldPath.of("customer_id").multiple()).isFalse();
  }

  @Test
  void syntax() {
    assertThat(FieldPath.valid("line_items[].product_id")).isTrue();
    assertThat(FieldPath.valid("a..b")).isFalse();
    assertThat(FieldPath.valid("a[0]")).isFalse();
    assertThat(FieldPath.valid("")).isFalse();
    assertThat(FieldPath.valid("a b")).isFalse();
  }
}
