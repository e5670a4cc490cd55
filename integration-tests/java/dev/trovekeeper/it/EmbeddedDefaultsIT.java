package dev.trovekeeper.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Map;
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

  @Test
  void keepsItsDataAcrossARestart() throws Exception {
    AppProcess first = AppProcess.start(Map.of());
    first.awaitReady(Duration.ofSeconds(180));
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                json.readTree(first.get("/v1/instances", first.operatorToken()).body())
                        .path("items")
                        .size()
                    >= 3);
    first.close();
    Path key = first.workDir().resolve("data").resolve("credentials.key");
    assertThat(Files.getPosixFilePermissions(key))
        .as("the dataset credentials key is the owner's only")
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    String keyBefore = Files.readString(key);

    // Same working directory, so the same ./data/db.
    try (AppProcess second = AppProcess.restartIn(first)) {
      second.awaitReady(Duration.ofSeconds(180));
      assertThat(second.output()).doesNotContain("Migrating schema");
      assertThat(Files.readString(key)).as("the same key after a restart").isEqualTo(keyBefore);
      assertThat(
              json.readTree(second.get("/v1/instances", second.operatorToken()).body())
                  .path("items")
                  .size())
          .isGreaterThanOrEqualTo(3);
    }
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

    Process verify =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                AppProcess.appJar().toAbsolutePath().toString(),
                "verify",
                app.workDir().resolve("data/objects").toString())
            .redirectErrorStream(true)
            .start();
    String report = new String(verify.getInputStream().readAllBytes());
    assertThat(verify.waitFor()).as(report).isZero();
    assertThat(report).containsPattern("OK: ([2-9]|[1-9]\\d+) manifest\\(s\\)");
  }
}
