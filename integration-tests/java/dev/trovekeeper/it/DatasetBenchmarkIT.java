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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 9's dataset benchmarks, end to end through the packaged service (not part of {@code mvn
 * verify}: tagged {@code bench}; README "Benchmarks" has the command and the figures). Both back up
 * a dataset of the demo shop, served by a demo region in this JVM, into a filesystem store, and
 * print one {@code BENCH_...} line of figures.
 *
 * <ul>
 *   <li>{@code BENCH_HEAP}: at least 1 GiB of JSON records (as the source serves them; {@code
 *       -Dbench.heap.mb=1024}) backed up by a service started with {@code -Xmx256m}: the run
 *       succeeds, the offline verifier accepts the archive, and the peak heap (management metrics
 *       polled, and the GC log) is printed.
 *   <li>{@code BENCH_RATE}: a shop enforcing {@code -Dbench.rate.limit=20} requests a second (429
 *       over it) backed up with that limit configured, for about {@code -Dbench.rate.seconds=75}
 *       seconds of requests (pages and media): the share of the allowed rate used, and zero 429s.
 * </ul>
 */
@Tag("bench")
class DatasetBenchmarkIT {

  private static final String PROJECT = "bench-datasets";
  private static final String USER = "bench-dataset-owner";
  private static final String PASSWORD = "bench-dataset-secret";
  private static final String CREDENTIALS_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
  private static final long MIB = 1024L * 1024;
  private static final Pattern GC_LINE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

  private final ObjectMapper json = new ObjectMapper();
  private EmbeddedDatabase db;
  private Path dbDir;
  private DemoRegion region;
  private Path objects;
  private Path results;

  @BeforeEach
  void start() throws Exception {
    Path dir = Files.createDirectories(Path.of("target", "it-work"));
    dbDir = Files.createTempDirectory(dir, "db-");
    db = EmbeddedDatabase.start(dbDir.resolve("db"));
    objects = Files.createTempDirectory(dir, "objects-");
    // GC logs and (on an OutOfMemoryError) the heap dump stay here for analysis
    results = Files.createDirectories(Path.of("target", "bench").toAbsolutePath());
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
  void aGigabyteDatasetIsBackedUpWithA256MegabyteHeap() throws Exception {
    long targetBytes = Long.getLong("bench.heap.mb", 1024) * MIB;
    // about 2.2 KB of JSON per record with 2,000 characters of notes: 95% of them orders
    int padding = 2_000;
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
                .withRecordPadding(padding)
                .withRateLimit(0, Duration.ofSeconds(1)));
    Path gcLog = results.resolve("heap-gc-" + System.currentTimeMillis() + ".log");
    String[] jvm = {
      "-Xmx256m",
      "-Xlog:gc:file=" + gcLog,
      "-XX:+HeapDumpOnOutOfMemoryError",
      "-XX:HeapDumpPath=" + results,
      // an OutOfMemoryError anywhere ends the process, so it cannot go unnoticed
      "-XX:+ExitOnOutOfMemoryError"
    };
    String load = loadAverage();
    try (AppProcess app = AppProcess.start(env(), jvm)) {
      app.awaitReady(Duration.ofSeconds(180));
      String token = region.issueToken(USER, PASSWORD, PROJECT).orElseThrow();
      // the source's limit is off; the configured one only bounds the keeper's request rate
      String dataset = register(app, token, "bench-heap", 100_000, 4, 250);
      region.shop().traffic().clear();
      HeapPoller heap = new HeapPoller(app);
      Thread poller = new Thread(heap, "heap-poller");
      poller.setDaemon(true);
      poller.start();
      long started = System.nanoTime();
      JsonNode run = backUp(app, token, dataset, Duration.ofMinutes(60));
      double wallSeconds = (System.nanoTime() - started) / 1e9;
      poller.interrupt();
      assertThat(app.output()).doesNotContain("OutOfMemoryError");
      assertThat(run.path("state").asText()).as(run.toString()).isEqualTo("SUCCEEDED");

      ShopTraffic traffic = region.shop().traffic();
      long sourceBytes = bytes(traffic, "/shop/api/");
      long mediaBytes = bytes(traffic, "/shop/media/");
      JsonNode manifest = manifest();
      long archiveBytes = 0;
      long uncompressed = 0;
      for (JsonNode entity : manifest.path("entities")) {
        uncompressed += entity.path("uncompressedBytes").asLong();
        for (JsonNode part : entity.path("parts")) {
          archiveBytes += part.path("size").asLong();
        }
      }
      String verified = verify();
      long[] gc = gcPeaks(gcLog);
      System.out.printf(
          "BENCH_HEAP source %.1f MiB of JSON pages in %d requests (+ %d media, %.1f MiB),"
              + " %d records (%.1f MiB of JSON Lines), archive %.1f MiB in %d parts (ratio %.2f),"
              + " wall %.1f s, %.1f MiB/s; -Xmx256m: peak heap used %.1f MiB (metrics every"
              + " 250 ms), GC log: max before GC %d MiB, max after GC %d MiB, %d GCs, %d full;"
              + " state %s, verifier: %s; load average before %s, after %s%n",
          sourceBytes / (double) MIB,
          traffic.entries().stream().filter(e -> e.path().startsWith("/shop/api/")).count(),
          traffic.entries().stream().filter(e -> e.path().startsWith("/shop/media/")).count(),
          mediaBytes / (double) MIB,
          run.path("progress").path("records").asLong(),
          uncompressed / (double) MIB,
          archiveBytes / (double) MIB,
          manifest.findValues("parts").stream().mapToInt(JsonNode::size).sum(),
          uncompressed / (double) archiveBytes,
          wallSeconds,
          sourceBytes / (double) MIB / wallSeconds,
          heap.peak() / (double) MIB,
          gc[0],
          gc[1],
          gc[2],
          gc[3],
          run.path("state").asText(),
          verified.strip(),
          load,
          loadAverage());
      assertThat(sourceBytes).isGreaterThanOrEqualTo(targetBytes);
      assertThat(run.path("progress").path("records").asLong())
          .isEqualTo(region.shop().settings().records());
      assertThat(traffic.count(429)).isZero();
    }
  }

  @Test
  void sourceRateUsed() throws Exception {
    int limit = Integer.getInteger("bench.rate.limit", 20);
    int seconds = Integer.getInteger("bench.rate.seconds", 75);
    int pageSize = 100;
    // about a third of the requests are media downloads (2 images a product on average)
    int requests = limit * seconds;
    int products = requests / 6;
    int pages = requests - 2 * products;
    int customers = pages / 4 * pageSize;
    int collections = pages / 40 * pageSize;
    int orders = (pages - pages / 4 - pages / 40) * pageSize - products;
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
      String dataset = register(app, token, "bench-rate", limit, 4, pageSize);
      region.shop().traffic().clear();
      JsonNode run = backUp(app, token, dataset, Duration.ofSeconds(seconds * 3L + 120));
      assertThat(run.path("state").asText()).as(run.toString()).isEqualTo("SUCCEEDED");

      List<ShopTraffic.Entry> traffic = region.shop().traffic().entries();
      long answered = traffic.stream().filter(e -> e.status() == 200).count();
      long first = traffic.get(0).atMillis();
      long last = traffic.get(traffic.size() - 1).atMillis();
      // n requests spaced evenly span n - 1 intervals
      double used = 100.0 * (answered - 1) / ((last - first) / 1000.0) / limit;
      TreeMap<Long, Integer> perSecond = new TreeMap<>();
      traffic.forEach(e -> perSecond.merge(e.atMillis() / 1000, 1, Integer::sum));
      List<Long> gaps = new ArrayList<>();
      for (int i = 1; i < traffic.size(); i++) {
        gaps.add(traffic.get(i).atMillis() - traffic.get(i - 1).atMillis());
      }
      gaps.sort(Collections.reverseOrder());
      System.out.printf(
          "BENCH_RATE %.1f%% of the allowed %d/s used: %d requests (%d pages, %d media) over"
              + " %.1f s, 429s %d, busiest second %d, longest gaps %s ms; keeper progress %s;"
              + " load average before %s, after %s%n",
          used,
          limit,
          traffic.size(),
          traffic.stream().filter(e -> e.path().startsWith("/shop/api/")).count(),
          traffic.stream().filter(e -> e.path().startsWith("/shop/media/")).count(),
          (last - first) / 1000.0,
          region.shop().traffic().count(429),
          perSecond.values().stream().max(Integer::compare).orElse(0),
          gaps.subList(0, Math.min(5, gaps.size())),
          run.path("progress"),
          load,
          loadAverage());
      assertThat(region.shop().traffic().count(429)).as("requests refused over the limit").isZero();
    }
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
             {"name": "products", "path": "/products", "items": "/products", "id": "id",
              "updatedAt": "updated_at", "media": ["images[].src"]},
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

  /** Backs the dataset up now and waits for the run to finish; the run's JSON. */
  private JsonNode backUp(AppProcess app, String token, String datasetId, Duration atMost)
      throws IOException {
    HttpResponse<String> accepted = app.post("/v1/datasets/" + datasetId + "/backups", token, "{}");
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    String runId = json.readTree(accepted.body()).path("id").asText();
    return Awaitility.await()
        .atMost(atMost)
        .pollInterval(Duration.ofSeconds(2))
        .until(
            () -> {
              HttpResponse<String> r = app.get("/v1/runs/" + runId, token);
              if (r == null) {
                throw new AssertionError("the service stopped answering:\n" + tail(app));
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
    return env;
  }

  private static long bytes(ShopTraffic traffic, String prefix) {
    return traffic.entries().stream()
        .filter(e -> e.path().startsWith(prefix))
        .mapToLong(ShopTraffic.Entry::bytes)
        .sum();
  }

  private JsonNode manifest() throws IOException {
    try (Stream<Path> files = Files.walk(objects.resolve("archives"))) {
      List<Path> manifests =
          files.filter(p -> p.getFileName().toString().equals("manifest.json")).toList();
      assertThat(manifests).hasSize(1);
      return json.readTree(manifests.get(0).toFile());
    }
  }

  /** The offline verifier on the object store's directory: its report (it must exit 0). */
  private String verify() throws Exception {
    Process verify =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                AppProcess.appJar().toAbsolutePath().toString(),
                "verify",
                objects.toString())
            .redirectErrorStream(true)
            .start();
    String report = new String(verify.getInputStream().readAllBytes());
    assertThat(verify.waitFor()).as(report).isZero();
    return report;
  }

  /** From a {@code -Xlog:gc} file: max heap before GC, max after GC (MiB), GCs, full GCs. */
  private static long[] gcPeaks(Path log) throws IOException {
    long before = 0;
    long after = 0;
    long count = 0;
    long full = 0;
    for (String line : Files.readAllLines(log)) {
      Matcher m = GC_LINE.matcher(line);
      if (m.find()) {
        before = Math.max(before, Long.parseLong(m.group(1)));
        after = Math.max(after, Long.parseLong(m.group(2)));
        count++;
        if (line.contains("Pause Full")) {
          full++;
        }
      }
    }
    return new long[] {before, after, count, full};
  }

  private static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String tail(AppProcess app) {
    String out = app.output();
    return out.substring(Math.max(0, out.length() - 4000));
  }

  /** Polls the service's heap use (sum of the heap pools) from its management metrics. */
  static final class HeapPoller implements Runnable {
    private static final Pattern HEAP_USED =
        Pattern.compile("^jvm_memory_used_bytes\\{area=\"heap\"[^}]*} (\\S+)$", Pattern.MULTILINE);
    private final AppProcess app;
    private final AtomicLong peak = new AtomicLong();

    HeapPoller(AppProcess app) {
      this.app = app;
    }

    @Override
    public void run() {
      while (!Thread.currentThread().isInterrupted()) {
        HttpResponse<String> metrics = app.management("/q/metrics");
        if (metrics != null && metrics.statusCode() == 200) {
          Matcher m = HEAP_USED.matcher(metrics.body());
          long used = 0;
          while (m.find()) {
            used += (long) Double.parseDouble(m.group(1));
          }
          peak.accumulateAndGet(used, Math::max);
        }
        try {
          Thread.sleep(250);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    long peak() {
      return peak.get();
    }
  }
}
