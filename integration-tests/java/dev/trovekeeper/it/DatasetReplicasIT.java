package dev.trovekeeper.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trovekeeper.boot.EmbeddedDatabase;
import dev.trovekeeper.demo.DemoRegion;
import dev.trovekeeper.demo.DemoRegionSettings;
import dev.trovekeeper.demo.DemoSeed;
import dev.trovekeeper.demo.NotificationSink;
import dev.trovekeeper.demo.shop.ShopSettings;
import dev.trovekeeper.demo.shop.ShopTraffic;
import dev.trovekeeper.testing.ScratchDirs;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, must-show 3: two replicas of the packaged service on one MariaDB back up two datasets of
 * the same REST source at the same time. Each dataset is configured with the source's whole limit,
 * so two replicas each on its own limiter would send twice the allowed rate and be answered 429;
 * with the limit shared through the database the source sees no 429 at all.
 */
class DatasetReplicasIT {

  private static final String PROJECT = "it-datasets";
  private static final String USER = "it-dataset-owner";
  private static final String PASSWORD = "it-dataset-secret";
  private static final int LIMIT_PER_SECOND = 20;
  // base64 of 32 bytes: the replicas must share the key that seals dataset credentials.
  private static final String CREDENTIALS_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

  private final ObjectMapper json = new ObjectMapper();
  private EmbeddedDatabase db;
  private Path dbDir;
  private DemoRegion region;
  private Path objects;

  @BeforeEach
  void start() throws Exception {
    Path dir = Files.createDirectories(Path.of("target", "it-work"));
    dbDir = Files.createTempDirectory(dir, "db-");
    db = EmbeddedDatabase.start(dbDir.resolve("db"));
    objects = Files.createTempDirectory(dir, "objects-");
    region =
        DemoRegion.start(
            DemoRegionSettings.builder().rateLimitPerMinute(0).build(), NotificationSink.NONE);
    region.addProject(PROJECT, PROJECT);
    region.addUser(USER, PASSWORD, PROJECT, DemoSeed.ROLE_MEMBER);
    region.grant(DemoSeed.KEEPER_USER_ID, PROJECT, DemoSeed.ROLE_ADMIN);
    region
        .shop()
        .configure(
            ShopSettings.defaults()
                .withSizes(60, 200, 600, 60)
                .withRateLimit(LIMIT_PER_SECOND, Duration.ofSeconds(1)));
  }

  @AfterEach
  void stop() {
    region.close();
    db.stop();
    ScratchDirs.delete(dbDir);
    ScratchDirs.delete(objects);
  }

  @Test
  void twoReplicasBackingUpTheSameSourceTogetherStayWithinItsLimit() throws Exception {
    Map<String, String> env = replicaEnv();
    // Both start at once (as ReplicaFailoverIT's): neither waits for the other's start-up.
    try (AppProcess a = AppProcess.start(env);
        AppProcess b = AppProcess.start(env)) {
      a.awaitReady(Duration.ofSeconds(180));
      b.awaitReady(Duration.ofSeconds(180));
      String token = region.issueToken(USER, PASSWORD, PROJECT).orElseThrow();
      String first = register(a, token, "shop-one");
      String second = register(b, token, "shop-two");
      region.shop().traffic().clear();

      List<String> runs = new ArrayList<>();
      runs.add(backUp(a, token, first));
      runs.add(backUp(b, token, second));
      // One worker per replica and one long step per dataset backup: the two run at once, one
      // on each replica.
      Awaitility.await()
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () ->
                  count(
                          "SELECT COUNT(DISTINCT r.claimed_by) FROM runs r JOIN targets t"
                              + " ON t.id = r.target_id WHERE t.project_id = '"
                              + PROJECT
                              + "' AND r.claimed_by IS NOT NULL AND r.attempts > 0")
                      == 2);
      for (String run : runs) {
        JsonNode done =
            Awaitility.await()
                .atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(200))
                .until(
                    () -> json.readTree(a.get("/v1/runs/" + run, token).body()),
                    r -> r.path("finishedAt").isTextual());
        assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
      }
    }

    ShopTraffic traffic = region.shop().traffic();
    TreeMap<Long, Integer> perSecond = new TreeMap<>();
    traffic.entries().forEach(e -> perSecond.merge(e.atMillis() / 1000, 1, Integer::sum));
    int busiest = perSecond.values().stream().max(Integer::compare).orElse(0);
    System.out.printf(
        "DatasetReplicasIT: %d requests over %d s, busiest second %d (limit %d/s), 429s %d%n",
        traffic.entries().size(),
        perSecond.isEmpty() ? 0 : perSecond.lastKey() - perSecond.firstKey() + 1,
        busiest,
        LIMIT_PER_SECOND,
        traffic.count(429));
    assertThat(traffic.count(429)).as("requests the source refused over its limit").isZero();
    assertThat(traffic.entries()).hasSizeGreaterThan(2 * LIMIT_PER_SECOND);
  }

  private String register(AppProcess app, String token, String name) throws Exception {
    String body =
        """
        {"name": "%s",
         "source": {"kind": "REST", "config": {
           "baseUrl": "%s",
           "auth": {"type": "API_KEY", "header": "X-Shop-Key"},
           "rateLimit": {"requests": %d, "window": "PT1S"},
           "concurrency": 4,
           "paging": {"type": "PAGE", "pageParam": "page", "limitParam": "limit", "limit": 50},
           "total": {"type": "HEADER", "header": "X-Total-Count"},
           "entities": [
             {"name": "products", "path": "/products", "items": "/products", "id": "id",
              "media": ["images[].src"]},
             {"name": "customers", "path": "/customers", "items": "/customers"},
             {"name": "orders", "path": "/orders", "items": "/orders"},
             {"name": "collections", "path": "/collections", "items": "/collections"}]}},
         "credentials": {"apiKey": "%s"}}
        """
            .formatted(name, region.shop().apiUrl(), LIMIT_PER_SECOND, ShopSettings.API_KEY);
    HttpResponse<String> created = app.post("/v1/datasets", token, body);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return json.readTree(created.body()).path("id").asText();
  }

  private String backUp(AppProcess app, String token, String datasetId) throws Exception {
    HttpResponse<String> accepted = app.post("/v1/datasets/" + datasetId + "/backups", token, "{}");
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    return json.readTree(accepted.body()).path("id").asText();
  }

  private Map<String, String> replicaEnv() {
    Map<String, String> env = AppProcess.externalEnv(db, region);
    env.put("KEEPER_POLICY_GLOBAL_DEFAULT_CRON", "0 0 0 1 1 ? 2099");
    env.put("KEEPER_DATASET_CREDENTIALS_KEY", CREDENTIALS_KEY);
    env.put("KEEPER_STORAGE_FILESYSTEM_ROOT", objects.toAbsolutePath().toString());
    // One run at a time per replica: two dataset backups at once must be on two replicas.
    env.put("KEEPER_RUN_WORKERS", "1");
    return env;
  }

  private long count(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), EmbeddedDatabase.USER, null);
        ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
