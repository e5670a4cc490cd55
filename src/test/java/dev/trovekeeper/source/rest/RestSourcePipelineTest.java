package dev.trovekeeper.source.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.trovekeeper.ratelimit.RateLimitTuning;
import dev.trovekeeper.ratelimit.RateLimiters;
import dev.trovekeeper.source.CollectingSink;
import dev.trovekeeper.testing.Schemas;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mariadb.jdbc.MariaDbPoolDataSource;

/**
 * The REST reader keeps fetching pages while it waits for one: a slot of the shared limit nobody
 * waits for is lost, so a slow page (or the end of an entity) must not leave the fetching threads
 * idle. A real HTTP server holds one page until a later page is asked for (or 10 s pass).
 */
class RestSourcePipelineTest {

  private static final int PAGE = 10;

  private static MariaDbPoolDataSource db;
  private static RateLimiters limiters;
  private HttpServer server;
  private ExecutorService serverThreads;
  private final Map<String, Integer> pages = new HashMap<>();
  private volatile String held;
  private volatile String trigger;
  private final CountDownLatch triggered = new CountDownLatch(1);
  private final AtomicBoolean arrivedWhileHeld = new AtomicBoolean();

  @BeforeAll
  static void database() {
    db = Schemas.migrated("rest_pipeline_test");
    limiters = new RateLimiters(db, RateLimitTuning.defaults(), new SimpleMeterRegistry());
  }

  @AfterAll
  static void closeDatabase() {
    db.close();
  }

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    serverThreads = Executors.newFixedThreadPool(8);
    server.setExecutor(serverThreads);
    server.createContext("/api/", this::serve);
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
    serverThreads.shutdownNow();
  }

  @Test
  void aSlowPageDoesNotStopTheFetchingOfThePagesAfterIt() throws Exception {
    pages.put("a", 12);
    // concurrency 2: page 2 held, page 3 done; today's reader asks for nothing more until page 2
    held = "a:2";
    trigger = "a:5";

    var sink = read(2, "a");

    assertThat(arrivedWhileHeld).as("page 5 was asked for while page 2 was held").isTrue();
    assertThat(sink.ids("a")).isEqualTo(ids(12 * PAGE));
  }

  @Test
  void theNextEntitysPagesAreFetchedWhileTheLastPageOfOneIsAwaited() throws Exception {
    pages.put("a", 3);
    pages.put("b", 6);
    held = "a:3";
    trigger = "b:2";

    var sink = read(2, "a", "b");

    assertThat(arrivedWhileHeld).as("b's page 2 was asked for while a's last was held").isTrue();
    assertThat(sink.records.keySet()).containsExactly("a", "b");
    assertThat(sink.ids("a")).isEqualTo(ids(3 * PAGE));
    assertThat(sink.ids("b")).isEqualTo(ids(6 * PAGE));
    assertThat(sink.counts).containsEntry("a", 3L * PAGE).containsEntry("b", 6L * PAGE);
  }

  private CollectingSink read(int concurrency, String... entities) throws Exception {
    var json = ShopSourceConfigs.JSON.createObjectNode();
    json.put("baseUrl", "http://127.0.0.1:" + server.getAddress().getPort() + "/api");
    json.putObject("auth").put("type", "NONE");
    json.putObject("rateLimit").put("requests", 1000).put("window", "PT1S");
    json.put("concurrency", concurrency);
    json.putObject("paging")
        .put("type", "PAGE")
        .put("pageParam", "page")
        .put("limitParam", "limit")
        .put("limit", PAGE);
    json.putObject("total").put("type", "HEADER").put("header", "X-Total-Count");
    var list = json.putArray("entities");
    for (String name : entities) {
      ObjectNode entity = list.addObject();
      entity.put("name", name).put("path", "/" + name).put("items", "/items");
    }
    var config = RestSourceConfigReader.read(json);
    var sink = new CollectingSink();
    new RestSource(
            config,
            RestCredentials.none(),
            limiters.forSource("test:" + UUID.randomUUID(), config.rateLimit()))
        .read(sink);
    return sink;
  }

  private void serve(HttpExchange ex) throws IOException {
    String entity = ex.getRequestURI().getPath().substring("/api/".length());
    Map<String, String> query = new HashMap<>();
    for (String pair : ex.getRequestURI().getQuery().split("&")) {
      String[] kv = pair.split("=", 2);
      query.put(kv[0], kv[1]);
    }
    int page = Integer.parseInt(query.get("page"));
    String name = entity + ":" + page;
    if (name.equals(trigger)) {
      triggered.countDown();
    }
    if (name.equals(held)) {
      try {
        arrivedWhileHeld.set(triggered.await(10, TimeUnit.SECONDS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    int total = pages.get(entity) * PAGE;
    var body = new StringBuilder("{\"items\":[");
    for (int i = (page - 1) * PAGE; i < Math.min(total, page * PAGE); i++) {
      body.append(i > (page - 1) * PAGE ? "," : "").append("{\"id\":").append(i + 1).append('}');
    }
    byte[] bytes = body.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.getResponseHeaders().set("X-Total-Count", Integer.toString(total));
    ex.sendResponseHeaders(200, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }

  private static java.util.List<Long> ids(int n) {
    return LongStream.rangeClosed(1, n).boxed().toList();
  }
}
