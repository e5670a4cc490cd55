package dev.trovekeeper.archive;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Random;

/** Generated records that look like a shop's products: compressible, but not trivially. */
final class TestRecords {

  private static final String[] WORDS = {
    "blue", "cotton", "shirt", "large", "small", "organic", "coffee", "mug", "steel", "bottle",
    "wool", "scarf", "green", "lamp", "desk", "oak", "chair", "linen", "towel", "ceramic"
  };

  private TestRecords() {}

  static ObjectNode product(long id, Random random) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("id", id);
    node.put("sku", "SKU-" + Long.toHexString(random.nextLong()).toUpperCase());
    StringBuilder title = new StringBuilder();
    for (int i = 0; i < 3 + random.nextInt(4); i++) {
      title.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
    }
    node.put("title", title.toString());
    node.put("description", "A " + title + " with \"quotes\", a tab\tand a line\nbreak.");
    node.put("price_cents", random.nextInt(100_000));
    node.put("stock", random.nextInt(500));
    node.put("updated_at", "2026-11-" + (10 + random.nextInt(20)) + "T08:00:00Z");
    node.putArray("images")
        .add("https://shop.example/img/" + id + "-1.jpg")
        .add("https://shop.example/img/" + id + "-2.jpg");
    node.putArray("collection_ids").add(random.nextInt(50)).add(random.nextInt(50));
    return node;
  }
}
