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

  @Test
  void aReferenceToAnObjectAwaitingItsIdIsLeftEmptyAndFlagged() throws Exception {
    IdRewriter ids = new IdRewriter(categories());
    JsonNode child = JSON.readTree("{\"id\": 1, \"parent_id\": 3, \"name\": \"a\"}");
    java.util.Set<String> awaiting = new java.util.HashSet<>(java.util.List.of("categories/3"));
    IdRewriter.Rewritten waiting =
        ids.rewrite("categories", child, (e, id) -> awaiting.contains(e + "/" + id));
    assertThat(waiting.deferred()).isTrue();
    assertThat(waiting.record().get("parent_id").isNull()).isTrue();
    assertThat(child.get("parent_id").asInt())
        .as("the backup's record is not changed")
        .isEqualTo(3);

    ids.renamed("categories", "3", "30");
    awaiting.clear();
    IdRewriter.Rewritten linked =
        ids.rewrite("categories", child, (e, id) -> awaiting.contains(e + "/" + id));
    assertThat(linked.deferred()).isFalse();
    assertThat(linked.record().get("parent_id").asInt()).isEqualTo(30);
  }

  @Test
  void aBackupRecordIsReadAsTheObjectNowLivesItsIdAndReferencesMapped() throws Exception {
    IdRewriter ids = new IdRewriter(categories());
    JsonNode record = JSON.readTree("{\"id\": 1, \"parent_id\": 3}");
    assertThat(ids.live("categories", record)).isSameAs(record);
    ids.renamed("categories", "1", "10");
    assertThat(ids.live("categories", record).toString()).isEqualTo("{\"id\":10,\"parent_id\":3}");
    ids.renamed("categories", "3", "30");
    assertThat(ids.live("categories", record).toString()).isEqualTo("{\"id\":10,\"parent_id\":30}");
    assertThat(record.toString()).isEqualTo("{\"id\":1,\"parent_id\":3}");
  }

  private static JsonNode categories() throws Exception {
    return JSON.readTree(
        """
        {"entities": [{"name": "categories", "idFields": ["id"], "references": [
          {"fields": ["parent_id"], "entity": "categories"}]}]}""");
  }
}
