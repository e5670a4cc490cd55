package dev.trovekeeper.demo.shop;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The shop's records, generated from their index and the seed (nothing is held in memory): the same
 * settings give the same data, so tests and the README's demo see stable records.
 */
final class ShopData {

  static final List<String> ENTITIES = List.of("products", "customers", "orders", "collections");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");
  // words of the generated notes (ShopSettings.recordPadding)
  private static final String[] WORDS = {
    "shipping",
    "gift",
    "wrap",
    "fragile",
    "express",
    "returned",
    "warehouse",
    "invoice",
    "paid",
    "pending",
    "customer",
    "asked",
    "for",
    "a",
    "call",
    "before",
    "delivery",
    "the",
    "parcel",
    "left",
    "at",
    "door",
    "discount",
    "code",
    "applied",
    "size",
    "colour",
    "blue",
    "red",
    "large"
  };

  private final ShopSettings settings;
  private final String mediaBase;

  ShopData(ShopSettings settings, String mediaBase) {
    this.settings = settings;
    this.mediaBase = mediaBase;
  }

  int count(String entity) {
    return switch (entity) {
      case "products" -> settings.products();
      case "customers" -> settings.customers();
      case "orders" -> settings.orders();
      case "collections" -> settings.collections();
      default -> -1;
    };
  }

  /** Record {@code index} (0-based) of {@code entity}; its id is index + 1. */
  ObjectNode record(String entity, int index) {
    var random =
        new SplittableRandom(settings.seed() * 1_000_003L + entity.hashCode() * 31L + index);
    long id = index + 1L;
    var updated = BASE.plus(index * 7L + random.nextInt(5), ChronoUnit.MINUTES).toString();
    var node = JSON.createObjectNode().put("id", id);
    switch (entity) {
      case "products" -> product(node, id, random);
      case "customers" -> customer(node, id, random);
      case "orders" -> order(node, id, random);
      default -> collection(node, id, random);
    }
    if (settings.recordPadding() > 0) {
      node.put("notes", notes(random, settings.recordPadding()));
    }
    return node.put("updated_at", updated);
  }

  /** {@code chars} characters of words picked at random (text that compresses like prose). */
  private static String notes(SplittableRandom random, int chars) {
    var sb = new StringBuilder(chars + 16);
    while (sb.length() < chars) {
      sb.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
      if (random.nextInt(12) == 0) {
        sb.append(random.nextInt(100_000)).append(". ");
      }
    }
    sb.setLength(chars);
    return sb.toString();
  }

  private void product(ObjectNode node, long id, SplittableRandom random) {
    node.put("title", "Product " + id).put("price", money(random));
    var images = node.putArray("images");
    int count = 1 + random.nextInt(3);
    for (int k = 1; k <= count; k++) {
      images
          .addObject()
          .put("id", id * 10 + k)
          .put("position", k)
          .put("src", mediaBase + "/p" + id + "-" + k + ".jpg");
    }
  }

  private static void customer(ObjectNode node, long id, SplittableRandom random) {
    node.put("email", "customer" + id + "@example.test")
        .put("first_name", "Ada" + random.nextInt(100))
        .put("last_name", "Lovelace" + id);
  }

  private void order(ObjectNode node, long id, SplittableRandom random) {
    node.put("name", "#" + (1000 + id))
        .put("customer_id", 1 + random.nextInt(Math.max(1, settings.customers())));
    var items = node.putArray("line_items");
    int count = 1 + random.nextInt(4);
    for (int k = 1; k <= count; k++) {
      items
          .addObject()
          .put("id", id * 10 + k)
          .put("product_id", 1 + random.nextInt(Math.max(1, settings.products())))
          .put("quantity", 1 + random.nextInt(3))
          .put("price", money(random));
    }
  }

  private void collection(ObjectNode node, long id, SplittableRandom random) {
    node.put("title", "Collection " + id);
    var ids = node.putArray("product_ids");
    int count = random.nextInt(9);
    for (int k = 0; k < count; k++) {
      ids.add(1 + random.nextInt(Math.max(1, settings.products())));
    }
  }

  private static String money(SplittableRandom random) {
    int cents = 100 + random.nextInt(99_900);
    return cents / 100 + "." + String.format("%02d", cents % 100);
  }

  /** The bytes of a media file: 1 to 4 KiB, the same for the same name. */
  static byte[] media(String name, long seed) {
    var random = new SplittableRandom(seed * 7919L + name.hashCode());
    var bytes = new byte[1024 + random.nextInt(3 * 1024)];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) random.nextInt(256);
    }
    // a JPEG's start-of-image marker, so viewers and sniffers take it for one
    bytes[0] = (byte) 0xFF;
    bytes[1] = (byte) 0xD8;
    return bytes;
  }
}
