package dev.trovekeeper.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * README command 1: the packaged service with no configuration at all starts its embedded MariaDB,
 * local object store and demo region, is ready within 60 s and lists the demo instances.
 */
class EmbeddedDefaultsIT {

  private final ObjectMapper json = new ObjectMapper();

  @Test
  void startsWithNoConfigurationAndShowsTheDemoInstances() throws Exception {
    try (AppProcess app = AppProcess.start(Map.of())) {
      // A generous bound: a shared 2-core machine under load boots in minutes, not seconds.
      app.awaitReady(Duration.ofSeconds(180));

      JsonNode health = json.readTree(app.management("/q/health/ready").body());
      assertThat(health.path("status").asText()).isEqualTo("UP");
      assertThat(health.findValuesAsText("name")).contains("Database connections health check");
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  json.readTree(app.management("/q/health/group/openstack").body())
                      .path("status")
                      .asText(),
              "UP"::equals);
      assertThat(app.management("/q/health/group/object-store").statusCode()).isEqualTo(200);

      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                JsonNode instances =
                    json.readTree(app.get("/v1/instances", app.operatorToken()).body());
                assertThat(instances.findValuesAsText("projectId"))
                    .contains("demo-project-a", "demo-project-b");
                assertThat(instances.findValuesAsText("status")).containsOnly("ACTIVE");
              });

      backsUpTheDemoDatasetsIntoArchivesThatVerify(app);

      assertThat(app.workDir().resolve("data/db")).isDirectory();
      assertThat(app.workDir().resolve("data/objects")).isDirectory();
      HttpResponse<String> metrics = app.management("/q/metrics");
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body()).contains("trove_keeper_openstack_up 1.0");
      // no token needed there, so never on the API port tenants reach
      assertThat(app.get("/q/metrics").statusCode()).isEqualTo(404);
      assertThat(app.get("/q/health/ready").statusCode()).isEqualTo(404);
      assertThat(app.get("/q/openapi").body()).contains("/v1/instances");
    }
  }

  /**
   * Issue 9, must-show 7, and the data kept across a restart: the service is killed (SIGKILL, as
   * the kernel's OOM killer does) while the demo shop's dataset backup is writing its archive
   * (parts uploaded, no manifest yet), then started again on the same ./data. The dead replica's
   * lease runs out, the restarted one takes the run over and writes the same archive again: the run
   * ends SUCCEEDED with an archive the offline verifier accepts, or FAILED; at no time does the
   * dataset list a backup whose manifest is missing, and nothing of the killed attempt is left
   * beside the archive.
   */
  @Test
  void keepsItsDataAndItsBackupsWholeAcrossAKill() throws Exception {
    Map<String, String> env =
        Map.of(
            // taken over soon after the kill instead of after the default 30 s
            "KEEPER_RUN_LEASE",
            "10s",
            "KEEPER_RUN_LEASE_RENEWAL",
            "3s",
            // no scheduled backup of the demo datasets besides the one started here
            "KEEPER_SCHEDULE_FIRST_BACKUP_DELAY",
            "24h",
            // the shop at the same URL after the restart (by default the demo region takes any
            // free port, and the dataset registered here keeps the URL it was given)
            "KEEPER_DEMO_PORT",
            Integer.toString(AppProcess.freePort()));
    AppProcess first = AppProcess.start(env);
    String alice;
    String datasetId;
    String runId;
    Path archive;
    Path manifest;
    // closed if anything fails before the kill (a dead process is left as it is)
    try (AppProcess killed = first) {
      first.awaitReady(Duration.ofSeconds(180));
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  json.readTree(first.get("/v1/instances", first.operatorToken()).body())
                          .path("items")
                          .size()
                      >= 3);
      alice = first.demoToken("alice");
      datasetId = slowShopDataset(first, alice);
      HttpResponse<String> accepted =
          first.post("/v1/datasets/" + datasetId + "/backups", alice, "{}");
      assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
      runId = json.readTree(accepted.body()).path("id").asText();
      archive =
          first
              .workDir()
              .resolve("data/objects/archives/demo-project-a")
              .resolve(datasetId)
              .resolve(runId);
      manifest = archive.resolve("manifest.json");
      Awaitility.await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> !parts(archive).isEmpty() || Files.exists(manifest));
      assertThat(manifest).as("the backup must still be writing when killed").doesNotExist();
      JsonNode running = json.readTree(first.get("/v1/runs/" + runId, alice).body());
      assertThat(running.path("state").asText()).as(running.toString()).isEqualTo("RUNNING");
      assertWholeBackupsOnly(first, alice, datasetId, archive.getParent());
      killed.kill();
    }
    Instant killedAt = Instant.now();
    assertThat(parts(archive)).as("a half archive left by the kill").isNotEmpty();
    assertThat(manifest).doesNotExist();

    Path key = first.workDir().resolve("data").resolve("credentials.key");
    assertThat(Files.getPosixFilePermissions(key))
        .as("the dataset credentials key is the owner's only")
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    String keyBefore = Files.readString(key);

    // Same working directory, so the same ./data/db and ./data/objects.
    try (AppProcess second = AppProcess.restartIn(first)) {
      second.awaitReady(Duration.ofSeconds(180));
      assertThat(second.output()).doesNotContain("Migrating schema");
      assertThat(Files.readString(key)).as("the same key after a restart").isEqualTo(keyBefore);
      assertThat(
              json.readTree(second.get("/v1/instances", second.operatorToken()).body())
                  .path("items")
                  .size())
          .isGreaterThanOrEqualTo(3);
      // the demo region started again: its tokens are new
      String owner = second.demoToken("alice");

      JsonNode run =
          Awaitility.await()
              .atMost(Duration.ofMinutes(3))
              .pollInterval(Duration.ofMillis(250))
              .until(
                  () -> {
                    // checked all along the resumed run, not only at its end
                    assertWholeBackupsOnly(second, owner, datasetId, archive.getParent());
                    return json.readTree(second.get("/v1/runs/" + runId, owner).body());
                  },
                  r -> r.path("finishedAt").isTextual());
      assertThat(run.path("state").asText()).as(run.toString()).isIn("SUCCEEDED", "FAILED");
      JsonNode backups =
          json.readTree(second.get("/v1/datasets/" + datasetId + "/backups", owner).body())
              .path("items");
      if (run.path("state").asText().equals("FAILED")) {
        // failed cleanly: a reason, and no backup
        assertThat(run.path("reasonCode").asText()).isNotBlank();
        assertThat(backups).isEmpty();
        return;
      }
      assertThat(run.path("attempts").asInt())
          .as("the killed attempt and the resumed one")
          .isEqualTo(2);
      assertThat(backups).singleElement();
      assertThat(backups.get(0).path("backupId").asText()).isEqualTo(runId);
      assertThat(backups.get(0).path("status").asText()).isEqualTo("COMPLETED");
      String report =
          verify(
              first.workDir().resolve("data/objects"),
              "archives/demo-project-a/" + datasetId + "/");
      assertThat(report).contains("OK: 1 manifest(s)");
      // only the manifest and its parts: the killed attempt's parts were replaced, none is left
      JsonNode written = json.readTree(manifest.toFile());
      Set<String> expected = new HashSet<>();
      written
          .path("entities")
          .forEach(e -> e.path("parts").forEach(p -> expected.add(p.path("key").asText())));
      Path objects = first.workDir().resolve("data/objects");
      expected.add(objects.relativize(manifest).toString());
      try (Stream<Path> files = Files.walk(archive)) {
        assertThat(files.filter(Files::isRegularFile).map(f -> objects.relativize(f).toString()))
            .containsExactlyInAnyOrderElementsOf(expected);
      }
      // a write the kill interrupted left its temporary file in #incoming: swept at the restart
      Path incoming = objects.resolve("#incoming");
      if (Files.isDirectory(incoming)) {
        try (Stream<Path> temps = Files.list(incoming)) {
          assertThat(temps.filter(f -> modifiedBefore(f, killedAt)))
              .as("temporary files of writes the kill interrupted")
              .isEmpty();
        }
      }
    }
  }

  private static boolean modifiedBefore(Path file, Instant instant) {
    try {
      return Files.getLastModifiedTime(file).toInstant().isBefore(instant);
    } catch (IOException e) {
      return false; // gone meanwhile: a write that finished
    }
  }

  /**
   * A dataset of the demo shop registered as the demo one is, but with the products (and their
   * media) last: the other entities' parts are uploaded within a second or two, and the hundred
   * product images (10 requests a second) then keep the manifest about 10 s away, long enough to
   * kill the service in between on a loaded machine.
   */
  private String slowShopDataset(AppProcess app, String token) throws IOException {
    JsonNode datasets =
        Awaitility.await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> json.readTree(app.get("/v1/datasets", token).body()).path("items"),
                items -> items.size() >= 2);
    ObjectNode config = null;
    for (JsonNode dataset : datasets) {
      if (dataset.path("source").path("kind").asText().equals("REST")) {
        config = (ObjectNode) dataset.path("source").path("config").deepCopy();
      }
    }
    assertThat(config).as("the demo REST dataset in %s", datasets).isNotNull();
    ArrayNode entities = (ArrayNode) config.path("entities");
    entities.add(entities.remove(0)); // products
    ObjectNode body = json.createObjectNode().put("name", "killed-mid-archive");
    body.putObject("source").put("kind", "REST").set("config", config);
    body.putObject("credentials").put("apiKey", "demo-shop-key");
    HttpResponse<String> created = app.post("/v1/datasets", token, body.toString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return json.readTree(created.body()).path("id").asText();
  }

  /** The archive's uploaded parts (temporary files of an upload in progress are not objects). */
  private static List<Path> parts(Path archive) throws IOException {
    Path entities = archive.resolve("entities");
    if (!Files.isDirectory(entities)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(entities)) {
      return files
          .filter(f -> f.getFileName().toString().matches("part-\\d+\\.jsonl\\.zst"))
          .toList();
    }
  }

  /**
   * Every backup the dataset lists is COMPLETED and has its manifest in the object store: a half
   * archive is never presented as a backup.
   */
  private void assertWholeBackupsOnly(AppProcess app, String token, String datasetId, Path dir)
      throws IOException {
    HttpResponse<String> listed = app.get("/v1/datasets/" + datasetId + "/backups", token);
    assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
    for (JsonNode backup : json.readTree(listed.body()).path("items")) {
      assertThat(backup.path("status").asText()).as(backup.toString()).isEqualTo("COMPLETED");
      assertThat(dir.resolve(backup.path("backupId").asText()).resolve("manifest.json"))
          .as("the manifest of listed backup %s", backup)
          .exists();
    }
  }

  /** Runs the documented offline verifier; its report, after checking it exited 0. */
  private static String verify(Path objects, String... prefix) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(AppProcess.appJar().toAbsolutePath().toString());
    command.add("verify");
    command.add(objects.toString());
    command.addAll(List.of(prefix));
    Process verify = new ProcessBuilder(command).redirectErrorStream(true).start();
    String report = new String(verify.getInputStream().readAllBytes());
    assertThat(verify.waitFor()).as(report).isZero();
    return report;
  }

  /**
   * The two demo datasets (the shop's REST API and its shared-schema SQL tables) are registered
   * with no configuration; backing each up ends SUCCEEDED with a COMPLETED backup, and the
   * documented offline verifier accepts the archives in ./data/objects.
   */
  private void backsUpTheDemoDatasetsIntoArchivesThatVerify(AppProcess app) throws Exception {
    String alice = app.demoToken("alice");
    JsonNode datasets =
        Awaitility.await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> json.readTree(app.get("/v1/datasets", alice).body()).path("items"),
                items -> items.size() >= 2);
    assertThat(datasets.findValuesAsText("kind")).contains("REST", "SQL");
    for (JsonNode dataset : datasets) {
      String id = dataset.path("id").asText();
      HttpResponse<String> accepted = app.post("/v1/datasets/" + id + "/backups", alice, "{}");
      // 200 when a scheduled backup of it is already queued: that run is the answer.
      assertThat(accepted.statusCode()).as(accepted.body()).isIn(200, 202);
      String runId = json.readTree(accepted.body()).path("id").asText();
      JsonNode run =
          Awaitility.await()
              .atMost(Duration.ofMinutes(4))
              .pollInterval(Duration.ofSeconds(1))
              .until(
                  () -> json.readTree(app.get("/v1/runs/" + runId, alice).body()),
                  r -> r.path("finishedAt").isTextual());
      assertThat(run.path("state").asText()).as(run.toString()).isEqualTo("SUCCEEDED");
      JsonNode backups =
          json.readTree(app.get("/v1/datasets/" + id + "/backups", alice).body()).path("items");
      assertThat(backups.findValuesAsText("status")).contains("COMPLETED");
    }

    String report = verify(app.workDir().resolve("data/objects"));
    assertThat(report).containsPattern("OK: ([2-9]|[1-9]\\d+) manifest\\(s\\)");
  }
}
