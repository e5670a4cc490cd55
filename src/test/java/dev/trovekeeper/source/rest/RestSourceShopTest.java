package dev.trovekeeper.source.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trovekeeper.demo.DemoRegion;
import dev.trovekeeper.demo.DemoRegionSettings;
import dev.trovekeeper.demo.shop.ShopSettings;
import dev.trovekeeper.demo.shop.ShopTraffic;
import dev.trovekeeper.ratelimit.RateLimitListener;
import dev.trovekeeper.ratelimit.RateLimitTuning;
import dev.trovekeeper.ratelimit.RateLimiters;
import dev.trovekeeper.ratelimit.SourceRateLimiter;
import dev.trovekeeper.source.CollectingSink;
import dev.trovekeeper.source.SourceUnauthorized;
import dev.trovekeeper.testing.Schemas;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mariadb.jdbc.MariaDbPoolDataSource;

/**
 * The configured REST reader against the demo region's shop (a real HTTP server enforcing its rate
 * limit with 429 + Retry-After), its requests spaced by the shared limiter on a real MariaDB.
 */
class RestSourceShopTest {

  private static MariaDbPoolDataSource db;
  private static DemoRegion region;
  private static RateLimiters limiters;

  @BeforeAll
  static void start() {
    db = Schemas.migrated("rest_source_test");
    limiters = new RateLimiters(db, RateLimitTuning.defaults(), new SimpleMeterRegistry());
    region =
        DemoRegion.start(DemoRegionSettings.builder().seed(false).build(), (topic, value) -> {});
  }

  @AfterAll
  static void stop() {
    region.close();
    db.close();
  }

  @BeforeEach
  void freshShop() {
    region.shop().revoke(false);
    region.shop().configure(ShopSettings.defaults().withRateLimit(0, Duration.ofSeconds(1)));
    region.shop().traffic().clear();
  }

  private SourceRateLimiter limiter(RestSourceConfig config, RateLimitListener listener) {
    return limiters.forSource("test:" + UUID.randomUUID(), config.rateLimit(), listener);
  }

  private CollectingSink read(ObjectNode json, String apiKey, RateLimitListener listener)
      throws InterruptedException {
    var config = RestSourceConfigReader.read(json);
    var credentials =
        RestSourceConfigReader.credentials(config, ShopSourceConfigs.credentials(apiKey));
    var sink = new CollectingSink();
    new RestSource(config, credentials, limiter(config, listener)).read(sink);
    return sink;
  }

  private static List<Long> oneTo(int n) {
    return LongStream.rangeClosed(1, n).boxed().toList();
  }

  @Test
  void readsEveryEntityInOrderWithMediaAndReferences() throws Exception {
    var shop = region.shop();
    var sink =
        read(
            ShopSourceConfigs.pageConfig(shop, 50, 7),
            ShopSettings.API_KEY,
            RateLimitListener.NONE);

    var s = shop.settings();
    assertThat(sink.records.keySet())
        .containsExactly("products", "customers", "orders", "collections");
    assertThat(sink.ids("products")).isEqualTo(oneTo(s.products()));
    assertThat(sink.ids("customers")).isEqualTo(oneTo(s.customers()));
    assertThat(sink.ids("orders")).isEqualTo(oneTo(s.orders()));
    assertThat(sink.ids("collections")).isEqualTo(oneTo(s.collections()));
    assertThat(sink.counts.get("orders")).isEqualTo(s.orders());
    long images =
        sink.records.get("products").stream().mapToLong(p -> p.get("images").size()).sum();
    assertThat(sink.media).hasSize((int) images);
    assertThat(sink.media.get(0).recordId()).isEqualTo("1");
    assertThat(sink.media.get(0).field()).isEqualTo("images[].src");
    var orders = sink.schema.entities().get(2);
    assertThat(orders.references())
        .extracting(r -> r.fields().get(0) + "->" + r.entity() + "." + r.targetFields().get(0))
        .containsExactly("customer_id->customers.id", "line_items[].product_id->products.id");

    // the media bytes come through the same reader
    var config = RestSourceConfigReader.read(ShopSourceConfigs.pageConfig(shop, 50, 7));
    var source =
        new RestSource(
            config,
            RestCredentials.apiKey(ShopSettings.API_KEY),
            limiter(config, RateLimitListener.NONE));
    try (var in = source.openMedia(sink.media.get(0).url())) {
      var bytes = in.readAllBytes();
      assertThat(bytes.length).isGreaterThanOrEqualTo(1024);
      assertThat(bytes[0]).isEqualTo((byte) 0xFF);
    }
  }

  @Test
  void everyPagingStyleReadsTheSameRecords() throws Exception {
    var shop = region.shop();
    var expected =
        read(
            ShopSourceConfigs.pageConfig(shop, 100, 9),
            ShopSettings.API_KEY,
            RateLimitListener.NONE);

    var offset = ShopSourceConfigs.pageConfig(shop, 100, 9);
    offset.with("paging").put("type", "OFFSET").put("offsetParam", "offset");
    offset.with("total").put("type", "NONE").remove("header");

    var cursor = ShopSourceConfigs.pageConfig(shop, 100, 9);
    cursor
        .with("paging")
        .put("type", "CURSOR")
        .put("cursorParam", "cursor")
        .put("cursorPointer", "/next_cursor");

    var link = ShopSourceConfigs.pageConfig(shop, 100, 9);
    link.with("paging").put("type", "LINK");
    for (var e : link.withArray("entities")) {
      // a bare array as the body
      ((ObjectNode) e).put("path", e.get("path").asText() + "?format=array").put("items", "");
    }
    for (var json : List.of(offset, cursor, link)) {
      var sink = read(json, ShopSettings.API_KEY, RateLimitListener.NONE);
      for (var entity : expected.records.keySet()) {
        assertThat(sink.ids(entity))
            .as(json.get("paging").toString())
            .isEqualTo(expected.ids(entity));
      }
      assertThat(sink.media).hasSameSizeAs(expected.media);
    }
  }

  @Test
  void oauth2ClientCredentials() throws Exception {
    var shop = region.shop();
    var json = ShopSourceConfigs.pageConfig(shop, 100, 50);
    json.set(
        "auth",
        ShopSourceConfigs.JSON
            .createObjectNode()
            .put("type", "OAUTH2_CLIENT_CREDENTIALS")
            .put("tokenUrl", shop.tokenUrl()));
    var config = RestSourceConfigReader.read(json);
    var credentials =
        RestSourceConfigReader.credentials(
            config,
            ShopSourceConfigs.JSON
                .createObjectNode()
                .put("clientId", ShopSettings.CLIENT_ID)
                .put("clientSecret", ShopSettings.CLIENT_SECRET));
    var sink = new CollectingSink();
    new RestSource(config, credentials, limiter(config, RateLimitListener.NONE)).read(sink);
    assertThat(sink.total()).isEqualTo(shop.settings().records());
    // one token for the whole read
    assertThat(shop.traffic().entries())
        .filteredOn(e -> e.path().endsWith("/oauth/token"))
        .hasSize(1);
  }

  @Test
  void refusedCredentialsAreSourceUnauthorized() {
    var shop = region.shop();
    assertThatThrownBy(
            () ->
                read(
                    ShopSourceConfigs.pageConfig(shop, 100, 50),
                    "wrong-key",
                    RateLimitListener.NONE))
        .isInstanceOf(SourceUnauthorized.class)
        .satisfies(e -> assertThat(((SourceUnauthorized) e).status()).isEqualTo(401))
        .hasMessageNotContaining("wrong-key");
    shop.revoke(true);
    assertThatThrownBy(
            () ->
                read(
                    ShopSourceConfigs.pageConfig(shop, 100, 50),
                    ShopSettings.API_KEY,
                    RateLimitListener.NONE))
        .isInstanceOf(SourceUnauthorized.class);
  }

  /** Must show 1 (reader part): 20,000 records with media, the source enforcing its limit. */
  @Test
  void twentyThousandRecordsAtTheSourcesLimitWithoutA429() throws Exception {
    var shop = region.shop();
    shop.configure(
        ShopSettings.defaults()
            .withSizes(4_000, 4_000, 10_000, 2_000)
            .withRateLimit(20, Duration.ofSeconds(1)));
    shop.traffic().clear();

    var sink =
        read(
            ShopSourceConfigs.pageConfig(shop, 20, 100).put("concurrency", 8),
            ShopSettings.API_KEY,
            RateLimitListener.NONE);

    assertThat(sink.total()).isEqualTo(20_000);
    assertThat(sink.ids("orders")).isEqualTo(oneTo(10_000));
    assertThat(sink.media).hasSizeGreaterThan(4_000);
    var traffic = shop.traffic().entries();
    assertThat(shop.traffic().count(429)).isZero();
    assertThat(traffic).hasSize(200);
    var gaps = new ArrayList<Long>();
    for (int i = 1; i < traffic.size(); i++) {
      gaps.add(traffic.get(i).atMillis() - traffic.get(i - 1).atMillis());
    }
    gaps.sort(Collections.reverseOrder());
    System.out.printf(
        "RATE_USED %.1f%% of the allowed 20/s (%d requests, zero 429; longest gaps %s ms)%n",
        ratePercent(traffic, 20), traffic.size(), gaps.subList(0, 5));
  }

  /** Must show 2 (reader part): the limit configured too high adapts down; Retry-After kept. */
  @Test
  void aLimitConfiguredTooHighAdaptsAndEvery429IsFollowedByItsRetryAfter() throws Exception {
    var shop = region.shop();
    shop.configure(
        ShopSettings.defaults()
            .withSizes(1_000, 600, 1_200, 200)
            .withRateLimit(20, Duration.ofSeconds(1)));
    shop.traffic().clear();
    var grants = Collections.synchronizedList(new ArrayList<Long>());
    var pauses = Collections.synchronizedList(new ArrayList<long[]>());
    var listener =
        new RateLimitListener() {
          @Override
          public void granted(long at) {
            grants.add(at);
          }

          @Override
          public void paused(long received, long committed, long until) {
            pauses.add(new long[] {received, committed, until});
          }
        };

    var sink = read(ShopSourceConfigs.pageConfig(shop, 200, 50), ShopSettings.API_KEY, listener);

    assertThat(sink.total()).isEqualTo(3_000);
    assertThat(sink.ids("orders")).isEqualTo(oneTo(1_200));
    long refusals = shop.traffic().count(429);
    assertThat(refusals).isPositive();
    assertThat(pauses).hasSize((int) refusals);
    long longestRetryAfter =
        shop.traffic().entries().stream()
            .mapToLong(ShopTraffic.Entry::retryAfterSeconds)
            .max()
            .orElse(0);
    for (var p : pauses) {
      assertThat(p[2] - p[0]).isGreaterThanOrEqualTo(longestRetryAfter * 1000);
      for (long grant : List.copyOf(grants)) {
        if (grant > p[1]) {
          assertThat(grant).isGreaterThanOrEqualTo(p[2]);
        }
      }
    }
    System.out.printf(
        "ADAPTIVE %d requests, %d refused (429), %.1f%% of the allowed 20/s%n",
        shop.traffic().entries().size(), refusals, ratePercent(shop.traffic().entries(), 20));
  }

  private static double ratePercent(List<ShopTraffic.Entry> traffic, int allowedPerSecond) {
    long first = traffic.get(0).atMillis();
    long last = traffic.get(traffic.size() - 1).atMillis();
    long answered = traffic.stream().filter(e -> e.status() == 200).count();
    // n requests spaced evenly span n - 1 intervals
    return 100.0 * (answered - 1) / ((last - first) / 1000.0) / allowedPerSecond;
  }
}
