package dev.trovekeeper.demo.shop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trovekeeper.demo.DemoRegion;
import dev.trovekeeper.demo.DemoRegionSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The demo shop is writable as a real shop API: PUT, POST and DELETE over HTTP (same key and limit
 * as its GETs) and in Java change what its listings, totals and pages show; refused ids fail with
 * the configured status and change nothing.
 */
class DemoShopWritesTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static DemoRegion region;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  DemoShop shop;

  @BeforeAll
  static void start() {
    region =
        DemoRegion.start(DemoRegionSettings.builder().seed(false).build(), (topic, value) -> {});
  }

  @AfterAll
  static void stop() {
    region.close();
  }

  @BeforeEach
  void smallShop() {
    shop = region.shop();
    shop.configure(
        ShopSettings.defaults().withSizes(30, 10, 10, 5).withRateLimit(0, Duration.ofSeconds(1)));
  }

  @Test
  void writesOverHttpChangeListingsTotalsAndPages() throws Exception {
    var put = call("PUT", "/products/3", "{\"title\": \"renamed\", \"id\": 999}");
    assertThat(put.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(put.body()).get("id").asLong()).isEqualTo(3);
    assertThat(call("DELETE", "/products/5", null).statusCode()).isEqualTo(204);
    assertThat(call("DELETE", "/products/6", null).statusCode()).isEqualTo(204);
    assertThat(call("DELETE", "/products/5", null).statusCode()).isEqualTo(404);
    var post = call("POST", "/products", "{\"title\": \"new\"}");
    assertThat(post.statusCode()).isEqualTo(201);
    assertThat(JSON.readTree(post.body()).get("id").asLong()).isEqualTo(31);
    assertThat(post.headers().firstValue("Location").orElseThrow()).endsWith("/products/31");
    // a deleted id may be created again under its own id (as a restore does); a live one is 409
    assertThat(call("POST", "/products", "{\"id\": 6, \"title\": \"back\"}").statusCode())
        .isEqualTo(201);
    assertThat(call("POST", "/products", "{\"id\": 7, \"title\": \"dup\"}").statusCode())
        .isEqualTo(409);
    assertThat(call("PUT", "/products/5", "{}").statusCode()).isEqualTo(404);
    assertThat(call("PUT", "/products/4", "[1]").statusCode()).isEqualTo(400);
    assertThat(call("GET", "/products/3", null).body()).contains("renamed");

    // 30 generated - 5 deleted + 1 added = 30 live, paged in 7s
    List<Long> ids = new ArrayList<>();
    String total = null;
    for (int page = 1; page <= 6; page++) {
      var answer = call("GET", "/products?page=" + page + "&limit=7", null);
      total = answer.headers().firstValue("X-Total-Count").orElseThrow();
      JSON.readTree(answer.body()).get("products").forEach(p -> ids.add(p.get("id").asLong()));
    }
    assertThat(total).isEqualTo("30");
    assertThat(ids).hasSize(30).doesNotHaveDuplicates().doesNotContain(5L).contains(6L, 31L);
    assertThat(ids.subList(0, 29)).isSorted();
  }

  @Test
  void refusedIdsFailWithTheirStatusAndChangeNothing() throws Exception {
    shop.refuseWrites("orders", 2, 422);
    assertThat(call("PUT", "/orders/2", "{\"name\": \"x\"}").statusCode()).isEqualTo(422);
    assertThat(call("DELETE", "/orders/2", null).statusCode()).isEqualTo(422);
    assertThat(call("PUT", "/orders/3", "{\"name\": \"x\"}").statusCode()).isEqualTo(200);
    assertThat(shop.find("orders", 2).orElseThrow().get("name").asText()).isEqualTo("#1002");
    shop.clearRefusals();
    assertThat(call("DELETE", "/orders/2", null).statusCode()).isEqualTo(204);
    // writes need the key as reads do
    var anonymous =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(shop.apiUrl() + "/orders/3")).DELETE().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).isEqualTo(401);
  }

  @Test
  void theJavaApiWritesTheSameOverlay() throws Exception {
    var before = shop.find("customers", 4).orElseThrow();
    assertThat(shop.put("customers", 4, before.deepCopy().put("email", "new@example.test")))
        .isTrue();
    assertThat(shop.delete("customers", 1)).isTrue();
    long added = shop.add("customers", JSON.createObjectNode().put("email", "a@b.c")).orElseThrow();
    assertThat(added).isEqualTo(11);
    var page = call("GET", "/customers?limit=50", null);
    assertThat(page.headers().firstValue("X-Total-Count")).hasValue("10");
    assertThat(page.body()).contains("new@example.test", "a@b.c").doesNotContain("customer1@");
    shop.resetChanges();
    assertThat(call("GET", "/customers?limit=50", null).body()).contains("customer1@");
  }

  private HttpResponse<String> call(String method, String path, String body) throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create(shop.apiUrl() + path))
            .header("X-Shop-Key", ShopSettings.API_KEY)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
