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
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 10's restore benchmarks, end to end through the packaged service (tagged {@code bench}, not
 * part of {@code mvn verify}; README "Benchmarks"). A demo shop served by a demo region in this JVM
 * is backed up, a share of its orders deleted, and the backup restored with {@code {"all": true}};
 * each test prints one {@code BENCH_...} line.
 *
 * <ul>
 *   <li>{@code BENCH_RESTORE_HEAP}: at least {@code -Dbench.heap.mb=1024} MiB of JSON records
 *       restored by a service started with {@code -Xmx256m} (the safety backup, the comparison of
 *       backup and live data, then {@code -Dbench.heap.deleted=2000} orders re-created): the run
 *       succeeds with no OutOfMemoryError; peak heap (management metrics) printed.
 *   <li>{@code BENCH_RESTORE_RATE}: a shop enforcing {@code -Dbench.rate.limit=20} requests a
 *       second (429 over it) restored with that limit configured, about {@code
 *       -Dbench.rate.seconds=75} seconds of requests (reads of the safety backup and the
 *       comparison, then one POST per deleted order): the share of the allowed rate used (over the
 *       whole restore and over its write phase), and zero 429s. {@code -Dbench.write.latency.ms}
 *       makes each write of the shop that slow (as over a network), {@code
 *       -Dbench.write.concurrency} sets the restore's writes in flight (default 8).
 * </ul>
 *
 * <p>With a limit, both print a {@code phases} line: requests and rate of the safety backup's
 * reads, the comparison's reads and the writes, and the pauses between them where no request was
 * sent. {@code -Dbench.service.jvmArgs="..."} adds options to the service's JVM (e.g. {@code
 * -XX:StartFlightRecording=filename=/abs/path.jfr,settings=profile}); {@code
 * -Dbench.traffic.file=path} writes the shop's request log as CSV.
 */
@Tag("bench")
class RestoreBenchmarkIT {

  private static final String PROJECT = "bench-restores";
  private static final String USER = "bench-restore-owner";
  private static final String PASSWORD = "bench-restore-secret";
  private static final String CREDENTIALS_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
  private static final long MIB = 1024L * 1024;

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
  }

  @AfterEach
  void stop() {
    region.close();
    db.stop();
    ScratchDirs.delete(dbDir);
    ScratchDirs.delete(objects);
  }

  @Test
  void aGigabyteDatasetIsRestoredWithA256MegabyteHeap() throws Exception {
    long targetBytes = Long.getLong("bench.heap.mb", 1024) * MIB;
    int deleted = Integer.getInteger("bench.heap.deleted", 2_000);
    // -Dbench.heap.limit=20: the shop allows that many requests a second (429 over it) and the
    // dataset is configured with it, so the same restore also gives the share of the rate used
    int limit = Integer.getInteger("bench.heap.limit", 0);
    int records = (int) (targetBytes / 2_150) + 1;
    int products = 2_000;
    int customers = records / 20;
    int collections = 1_000;
    int orders = records - products - customers - collections;
    region
        .shop()
        .configure(
            ShopSettings.defaults()
                .withSizes(products, customers, orders, collections)
                .withRecordPadding(2_000)
                .withRateLimit(limit, Duration.ofSeconds(1)));
    Path results = Files.createDirectories(Path.of("target", "bench").toAbsolutePath());
    List<String> jvm =
        new ArrayList<>(
            List.of(
                "-Xmx256m",
                "-XX:+HeapDumpOnOutOfMemoryError",
                "-XX:HeapDumpPath=" + results,
                "-XX:+ExitOnOutOfMemoryError"));
    // -Dbench.service.jvmArgs="-XX:StartFlightRecording=filename=...": options of the service's
    // JVM, e.g. a flight recording of the restore
    String extra = System.getProperty("bench.service.jvmArgs", "").trim();
    if (!extra.isEmpty()) {
      jvm.addAll(List.of(extra.split("\\s+")));
    }
    String load = loadAverage();
    try (AppProcess app = AppProcess.start(env(), jvm.toArray(String[]::new))) {
      app.awaitReady(Duration.ofSeconds(180));
      String token = region.issueToken(USER, PASSWORD, PROJECT).orElseThrow();
      String dataset =
          register(app, token, "bench-restore-heap", limit > 0 ? limit : 100_000, 4, 250);
      String backup = backUp(app, token, dataset, Duration.ofMinutes(60));
      deleteOrders(deleted, orders);
      region.shop().traffic().clear();
      DatasetBenchmarkIT.HeapPoller heap = new DatasetBenchmarkIT.HeapPoller(app);
      Thread poller = new Thread(heap, "heap-poller");
      poller.setDaemon(true);
      poller.start();
      long started = System.nanoTime();
      long postedAt = System.currentTimeMillis();
      JsonNode restore = restore(app, token, dataset, backup, Duration.ofMinutes(120));
      double wallSeconds = (System.nanoTime() - started) / 1e9;
      poller.interrupt();
      ShopTraffic traffic = region.shop().traffic();
      long sourceBytes =
          traffic.entries().stream()
              .filter(e -> e.path().startsWith("/shop/api/"))
              .mapToLong(ShopTraffic.Entry::bytes)
              .sum();
      System.out.printf(
          "BENCH_RESTORE_HEAP %.1f MiB of JSON served in %d requests (safety backup, comparison,"
              + " writes), counts %s, wall %.1f s; -Xmx256m: peak heap used %.1f MiB (metrics"
              + " every 250 ms); state %s; load average before %s, after %s%n",
          sourceBytes / (double) MIB,
          traffic.entries().size(),
          restore.path("counts"),
          wallSeconds,
          heap.peak() / (double) MIB,
          restore.path("state").asText(),
          load,
          loadAverage());
      if (limit > 0) {
        System.out.printf(
            "BENCH_RESTORE_HEAP_RATE %.1f%% of the allowed %d/s used over the whole restore;"
                + " 429s %d%n",
            rateUsed(traffic.entries(), limit), limit, traffic.count(429));
        System.out.println(
            "BENCH_RESTORE_HEAP_RATE phases: "
                + phases(app, token, restore, postedAt, traffic.entries(), limit));
        assertThat(traffic.count(429)).as("requests refused over the limit").isZero();
      }
      assertThat(app.output()).doesNotContain("OutOfMemoryError");
      assertThat(restore.path("state").asText()).as(restore.toString()).isEqualTo("SUCCEEDED");
      assertThat(restore.path("counts").path("created").asLong()).isEqualTo(deleted);
      assertThat(sourceBytes).isGreaterThanOrEqualTo(targetBytes);
    }
  }

  @Test
  void targetRateUsed() throws Exception {
    int limit = Integer.getInteger("bench.rate.limit", 20);
    int seconds = Integer.getInteger("bench.rate.seconds", 75);
    int pageSize = 100;
    // half of the requests are reads (safety backup and comparison each read every page once),
    // half are writes (one POST per deleted order)
    int requests = limit * seconds;
    int writes = requests / 2;
    int pages = Math.max(8, requests / 4);
    int products = pageSize;
    int customers = pageSize;
    int collections = pageSize;
    int orders = Math.max(writes + 1, (pages - 3) * pageSize);
    region
        .shop()
        .configure(
            ShopSettings.defaults()
                .withSizes(products, customers, orders, collections)
                .withRateLimit(limit, Duration.ofSeconds(1)));
    String load = loadAverage();
    try (AppProcess app = AppProcess.start(env())) {
      app.awaitReady(Duration.ofSeconds(180));
      String token = region.issueToken(USER, PASSWORD, PROJECT).orElseThrow();
      String dataset = register(app, token, "bench-restore-rate", limit, 4, pageSize);
      String backup = backUp(app, token, dataset, Duration.ofSeconds(seconds * 3L + 120));
      deleteOrders(writes, orders);
      // -Dbench.write.latency.ms=100: each write takes that long, as over a network
      region.shop().writeLatency(Duration.ofMillis(Long.getLong("bench.write.latency.ms", 0)));
      region.shop().traffic().clear();
      long postedAt = System.currentTimeMillis();
      JsonNode restore =
          restore(app, token, dataset, backup, Duration.ofSeconds(seconds * 3L + 120));
      assertThat(restore.path("state").asText()).as(restore.toString()).isEqualTo("SUCCEEDED");
      List<ShopTraffic.Entry> traffic = region.shop().traffic().entries();
      System.out.println(
          "BENCH_RESTORE_RATE phases: " + phases(app, token, restore, postedAt, traffic, limit));
      long first = traffic.get(0).atMillis();
      long last = traffic.get(traffic.size() - 1).atMillis();
      double used = rateUsed(traffic, limit);
      // the write phase alone: from the first order re-created (201) to the last request
      int firstWrite = 0;
      while (firstWrite < traffic.size() && traffic.get(firstWrite).status() != 201) {
        firstWrite++;
      }
      List<ShopTraffic.Entry> writing = traffic.subList(firstWrite, traffic.size());
      double writeSeconds = (last - writing.get(0).atMillis()) / 1000.0;
      double writeUsed = 100.0 * (writing.size() - 1) / writeSeconds / limit;
      System.out.printf(
          "BENCH_RESTORE_RATE %.1f%% of the allowed %d/s used: %d requests over %.1f s"
              + " (restore and its safety backup); writes %.1f%%: %d requests over %.1f s;"
              + " 429s %d, counts %s; load average before %s, after %s%n",
          used,
          limit,
          traffic.size(),
          (last - first) / 1000.0,
          writeUsed,
          writing.size(),
          writeSeconds,
          region.shop().traffic().count(429),
          restore.path("counts"),
          load,
          loadAverage());
      assertThat(restore.path("counts").path("created").asLong()).isEqualTo(writes);
      assertThat(region.shop().traffic().count(429)).as("requests refused over the limit").isZero();
    }
  }

  /** The share (%) of {@code limit} requests a second that the answered requests used. */
  private static double rateUsed(List<ShopTraffic.Entry> traffic, int limit) {
    long answered = traffic.stream().filter(e -> e.status() >= 200 && e.status() < 300).count();
    long first = traffic.get(0).atMillis();
    long last = traffic.get(traffic.size() - 1).atMillis();
    // n requests spaced evenly span n - 1 intervals
    return 100.0 * (answered - 1) / ((last - first) / 1000.0) / limit;
  }

  /**
   * The restore's requests per phase and the pauses between them (no request sent), from the shop's
   * log and the safety backup run's end: the safety backup's reads (requests up to the end of its
   * run), the comparison's reads of the live data (the pages answered 200 after it), the writes
   * (the other requests after it: 201 re-created, refusals). A phase's rate is its {@code n}
   * requests over the {@code n - 1} intervals between its first and last, against {@code limit}.
   */
  private String phases(
      AppProcess app,
      String token,
      JsonNode restore,
      long postedAt,
      List<ShopTraffic.Entry> traffic,
      int limit)
      throws IOException {
    JsonNode safety =
        json.readTree(app.get("/v1/runs/" + restore.path("safetyRunId").asText(), token).body());
    long safetyEnd = Instant.parse(safety.path("finishedAt").asText()).toEpochMilli();
    long restoreEnd = Instant.parse(restore.path("finishedAt").asText()).toEpochMilli();
    // -Dbench.traffic.file=path: the shop's log as CSV (epoch ms, path, status, bytes), after the
    // restore's milestones
    String file = System.getProperty("bench.traffic.file");
    if (file != null) {
      List<String> lines = new ArrayList<>();
      lines.add(postedAt + ",#posted,0,0");
      lines.add(safetyEnd + ",#safety-ended,0,0");
      lines.add(restoreEnd + ",#restore-ended,0,0");
      traffic.forEach(
          e -> lines.add(e.atMillis() + "," + e.path() + "," + e.status() + "," + e.bytes()));
      Files.write(Path.of(file), lines);
    }
    List<ShopTraffic.Entry> backup = new ArrayList<>();
    List<ShopTraffic.Entry> compare = new ArrayList<>();
    List<ShopTraffic.Entry> writes = new ArrayList<>();
    for (ShopTraffic.Entry e : traffic) {
      (e.atMillis() <= safetyEnd ? backup : e.status() == 200 ? compare : writes).add(e);
    }
    StringBuilder out = new StringBuilder();
    out.append(String.format("until the first request %.1f s; ", gap(postedAt, backup)));
    out.append(phase("safety-backup reads", backup, limit));
    out.append(
        String.format(
            "; then until the safety run ended %.1f s",
            (safetyEnd - last(backup, safetyEnd)) / 1000.0));
    out.append(
        String.format("; until the comparison's first read %.1f s; ", gap(safetyEnd, compare)));
    out.append(phase("comparison reads", compare, limit));
    out.append(
        String.format("; until the first write %.1f s; ", gap(last(compare, safetyEnd), writes)));
    out.append(phase("writes", writes, limit));
    out.append(
        String.format(
            "; then until the restore ended %.1f s",
            (restoreEnd - last(writes, last(compare, safetyEnd))) / 1000.0));
    return out.toString();
  }

  private static String phase(String name, List<ShopTraffic.Entry> entries, int limit) {
    if (entries.size() < 2) {
      return name + ": " + entries.size() + " requests";
    }
    double seconds =
        (entries.get(entries.size() - 1).atMillis() - entries.get(0).atMillis()) / 1000.0;
    return String.format(
        "%s: %d requests over %.1f s, %.1f%% of %d/s",
        name, entries.size(), seconds, 100.0 * (entries.size() - 1) / seconds / limit, limit);
  }

  /** Seconds from {@code from} (epoch ms) to the first of {@code entries}. */
  private static double gap(long from, List<ShopTraffic.Entry> entries) {
    return entries.isEmpty() ? 0 : (entries.get(0).atMillis() - from) / 1000.0;
  }

  private static long last(List<ShopTraffic.Entry> entries, long otherwise) {
    return entries.isEmpty() ? otherwise : entries.get(entries.size() - 1).atMillis();
  }

  /** Deletes {@code count} orders spread over the ids 1..{@code orders} (in Java: no traffic). */
  private void deleteOrders(int count, int orders) {
    long step = Math.max(1, orders / count);
    int done = 0;
    for (long id = 1; id <= orders && done < count; id += step) {
      if (region.shop().delete("orders", id)) {
        done++;
      }
    }
    assertThat(done).isEqualTo(count);
  }

  private String register(
      AppProcess app, String token, String name, int limit, int concurrency, int pageSize)
      throws IOException {
    String body =
        """
        {"name": "%s",
         "source": {"kind": "REST", "config": {
           "baseUrl": "%s",
           "auth": {"type": "API_KEY", "header": "X-Shop-Key"},
           "rateLimit": {"requests": %d, "window": "PT1S"},
           "concurrency": %d,
           "paging": {"type": "PAGE", "pageParam": "page", "limitParam": "limit", "limit": %d},
           "total": {"type": "HEADER", "header": "X-Total-Count"},
           "entities": [
             {"name": "products", "path": "/products", "items": "/products"},
             {"name": "customers", "path": "/customers", "items": "/customers"},
             {"name": "orders", "path": "/orders", "items": "/orders",
              "references": [{"field": "customer_id", "entity": "customers"},
                             {"field": "line_items[].product_id", "entity": "products"}]},
             {"name": "collections", "path": "/collections", "items": "/collections",
              "references": [{"field": "product_ids[]", "entity": "products"}]}]}},
         "credentials": {"apiKey": "%s"}}
        """
            .formatted(
                name, region.shop().apiUrl(), limit, concurrency, pageSize, ShopSettings.API_KEY);
    HttpResponse<String> created = app.post("/v1/datasets", token, body);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return json.readTree(created.body()).path("id").asText();
  }

  /** Backs the dataset up now, to its end; the backup's id. */
  private String backUp(AppProcess app, String token, String dataset, Duration atMost)
      throws IOException {
    HttpResponse<String> accepted = app.post("/v1/datasets/" + dataset + "/backups", token, "{}");
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    String runId = json.readTree(accepted.body()).path("id").asText();
    JsonNode run = await(app, "/v1/runs/" + runId, token, atMost);
    assertThat(run.path("state").asText()).as(run.toString()).isEqualTo("SUCCEEDED");
    HttpResponse<String> backups = app.get("/v1/datasets/" + dataset + "/backups", token);
    return json.readTree(backups.body()).path("items").get(0).path("id").asText();
  }

  /** Restores everything of the backup and waits for the end; the restore's JSON. */
  private JsonNode restore(
      AppProcess app, String token, String dataset, String backup, Duration atMost)
      throws IOException {
    HttpResponse<String> accepted =
        app.post(
            "/v1/datasets/" + dataset + "/restores",
            token,
            "{\"backupId\": \"" + backup + "\", \"selection\": {\"all\": true}}");
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    String id = json.readTree(accepted.body()).path("id").asText();
    await(app, "/v1/runs/" + id, token, atMost);
    return json.readTree(app.get("/v1/dataset-restores/" + id, token).body());
  }

  private JsonNode await(AppProcess app, String path, String token, Duration atMost) {
    return Awaitility.await()
        .atMost(atMost)
        .pollInterval(Duration.ofSeconds(2))
        .until(
            () -> {
              HttpResponse<String> r = app.get(path, token);
              if (r == null) {
                String out = app.output();
                throw new AssertionError(
                    "the service stopped answering:\n"
                        + out.substring(Math.max(0, out.length() - 4000)));
              }
              return json.readTree(r.body());
            },
            r -> r.path("finishedAt").isTextual());
  }

  private Map<String, String> env() {
    Map<String, String> env = AppProcess.externalEnv(db, region);
    env.put("KEEPER_POLICY_GLOBAL_DEFAULT_CRON", "0 0 0 1 1 ? 2099");
    env.put("KEEPER_DATASET_CREDENTIALS_KEY", CREDENTIALS_KEY);
    env.put("KEEPER_STORAGE_FILESYSTEM_ROOT", objects.toAbsolutePath().toString());
    // -Dbench.write.concurrency=1: the restore's writes one at a time (as before they were
    // parallel)
    env.put(
        "KEEPER_DATA_RESTORE_WRITE_CONCURRENCY",
        Integer.toString(Integer.getInteger("bench.write.concurrency", 8)));
    return env;
  }

  private static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException e) {
      return "unknown";
    }
  }
}
