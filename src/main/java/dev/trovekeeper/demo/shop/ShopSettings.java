package dev.trovekeeper.demo.shop;

import java.time.Duration;

/**
 * How big the demo shop is and how it limits callers.
 *
 * @param products products (each with 1 to 3 images)
 * @param customers customers
 * @param orders orders (each with a customer and 1 to 4 line items)
 * @param collections collections (each with up to 8 product ids)
 * @param seed seed of the generated data (same seed, same data)
 * @param requests requests allowed per window (a token bucket of that capacity, refilled over the
 *     window, like Shopify's leaky bucket); 0 turns the limit off
 * @param window the window of {@code requests}
 * @param maxPageSize the largest {@code limit} accepted (larger ones are cut to it)
 * @param apiKey the key accepted in header {@code X-Shop-Key}
 * @param clientId OAuth2 client id accepted at {@code /shop/oauth/token}
 * @param clientSecret its secret
 * @param recordPadding characters of generated text in every record's {@code notes} field (0: no
 *     such field), to make large datasets of few records (benchmarks)
 */
public record ShopSettings(
    int products,
    int customers,
    int orders,
    int collections,
    long seed,
    int requests,
    Duration window,
    int maxPageSize,
    String apiKey,
    String clientId,
    String clientSecret,
    int recordPadding) {

  public static final String API_KEY = "demo-shop-key";
  public static final String CLIENT_ID = "demo-shop-client";
  public static final String CLIENT_SECRET = "demo-shop-secret";

  /** The small default shop: 200 records, 10 requests a second. */
  public static ShopSettings defaults() {
    return new ShopSettings(
        50, 40, 90, 20, 42, 10, Duration.ofSeconds(1), 250, API_KEY, CLIENT_ID, CLIENT_SECRET, 0);
  }

  /** All records of the four entities. */
  public int records() {
    return products + customers + orders + collections;
  }

  /** The same shop with these sizes. */
  public ShopSettings withSizes(int products, int customers, int orders, int collections) {
    return new ShopSettings(
        products,
        customers,
        orders,
        collections,
        seed,
        requests,
        window,
        maxPageSize,
        apiKey,
        clientId,
        clientSecret,
        recordPadding);
  }

  /** The same shop with this rate limit (0: none). */
  public ShopSettings withRateLimit(int requests, Duration window) {
    return new ShopSettings(
        products,
        customers,
        orders,
        collections,
        seed,
        requests,
        window,
        maxPageSize,
        apiKey,
        clientId,
        clientSecret,
        recordPadding);
  }

  /** The same shop with {@code chars} characters of text in every record's {@code notes}. */
  public ShopSettings withRecordPadding(int chars) {
    if (chars < 0) {
      throw new IllegalArgumentException("recordPadding must not be negative");
    }
    return new ShopSettings(
        products,
        customers,
        orders,
        collections,
        seed,
        requests,
        window,
        maxPageSize,
        apiKey,
        clientId,
        clientSecret,
        chars);
  }

  @Override
  public String toString() {
    return "ShopSettings[products="
        + products
        + ", customers="
        + customers
        + ", orders="
        + orders
        + ", collections="
        + collections
        + ", limit="
        + requests
        + " per "
        + window
        + (recordPadding > 0 ? ", padding=" + recordPadding : "")
        + "]";
  }
}
