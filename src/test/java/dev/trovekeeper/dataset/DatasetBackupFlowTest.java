package dev.trovekeeper.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trovekeeper.archive.ArchiveId;
import dev.trovekeeper.archive.ArchiveKeys;
import dev.trovekeeper.archive.ArchiveReader;
import dev.trovekeeper.archive.ArchiveSettings;
import dev.trovekeeper.archive.ArchiveVerifier;
import dev.trovekeeper.archive.Manifest;
import dev.trovekeeper.archive.MediaStore;
import dev.trovekeeper.archive.Origin;
import dev.trovekeeper.demo.shop.DemoShop;
import dev.trovekeeper.demo.shop.ShopSettings;
import dev.trovekeeper.demo.shop.ShopTraffic;
import dev.trovekeeper.inventory.Target;
import dev.trovekeeper.run.Artifact;
import dev.trovekeeper.run.ArtifactOrigin;
import dev.trovekeeper.run.ArtifactRepository;
import dev.trovekeeper.run.Run;
import dev.trovekeeper.run.RunRepository;
import dev.trovekeeper.run.RunService;
import dev.trovekeeper.run.RunState;
import dev.trovekeeper.storage.ObjectInfo;
import dev.trovekeeper.storage.ObjectStore;
import dev.trovekeeper.testing.Db;
import dev.trovekeeper.testing.Projects;
import dev.trovekeeper.testing.Tenant;
import dev.trovekeeper.testing.TestInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Dataset backups through the run engine: the demo shop's REST API (enforcing its limit with 429)
 * into a verifiable archive in s3proxy, media deduplicated across backups; a source refusing the
 * credentials; a run taken over in the middle of its archive.
 */
@QuarkusTest
class DatasetBackupFlowTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @Inject DatasetRows rows;
  @Inject RunService runService;
  @Inject RunRepository runs;
  @Inject ArtifactRepository artifacts;
  @Inject ObjectStore objects;
  @Inject ArchiveSettings settings;
  @Inject MediaStore mediaStore;
  @Inject EntityManager em;

  private String project;
  private DemoShop shop;

  @BeforeEach
  void setUp() {
    project = Projects.create("dsexec");
    shop = TestInfrastructure.region().shop();
    shop.revoke(false);
  }

  @AfterEach
  void resetShop() {
    shop.revoke(false);
    shop.configure(ShopSettings.defaults());
  }

  /** The shop's four entities, paged by page + limit with the total in X-Total-Count. */
  static String shopConfig(DemoShop shop, int requestsPerSecond, int pageSize, int concurrency) {
    return """
        {"baseUrl": "%s",
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
            "references": [{"field": "product_ids[]", "entity": "products"}]}
         ]}
        """
        .formatted(shop.apiUrl(), requestsPerSecond, concurrency, pageSize);
  }

  static String apiKey(String key) {
    return "{\"apiKey\": \"" + key + "\"}";
  }

  /** Must show 1: 20,000 records with media, the source enforcing its limit with 429. */
  @Test
  void aRestDatasetIsBackedUpAtTheSourcesLimitAndASecondBackupUploadsNoMedia() throws Exception {
    shop.configure(
        ShopSettings.defaults()
            .withSizes(1_000, 4_000, 13_000, 2_000)
            .withRateLimit(200, Duration.ofSeconds(1)));
    shop.traffic().clear();
    Target target =
        rows.register(
            project,
            "shop",
            SourceKind.REST,
            shopConfig(shop, 200, 250, 8),
            apiKey(ShopSettings.API_KEY));

    long started = System.nanoTime();
    Run first = awaitFinal(runService.createManual(target.id, project, null).id);
    long firstMillis = (System.nanoTime() - started) / 1_000_000;

    assertThat(first.state).as(first.reasonCode + " " + first.reason).isEqualTo(RunState.SUCCEEDED);
    assertThat(shop.traffic().count(429)).isZero();
    ArchiveId id = archiveId(target, first);
    Manifest manifest = ArchiveReader.open(objects, settings, id).manifest();
    assertThat(manifest.records()).isEqualTo(20_000);
    assertThat(manifest.entity("orders").orElseThrow().records()).isEqualTo(13_000);
    assertThat(manifest.origin()).isEqualTo(Origin.MANUAL);
    assertThat(manifest.media()).hasSizeGreaterThan(1_000);
    ArchiveVerifier.Report report =
        new ArchiveVerifier(objects).verify(ArchiveKeys.backupPrefix(id));
    assertThat(report.problems()).isEmpty();
    assertThat(report.manifests()).isEqualTo(1);
    assertThat(report.media()).isEqualTo(manifest.media().size());
    Artifact artifact = artifact(target, first);
    assertThat(artifact.status).isEqualTo("COMPLETED");
    assertThat(artifact.location).isEqualTo(ArchiveKeys.manifest(id).value());
    assertThat(artifact.sizeBytes).isPositive();
    assertThat(artifact.origin).isEqualTo(ArtifactOrigin.MANUAL);
    assertThat(first.externalBackupId).isEqualTo(first.publicId);
    JsonNode progress = JSON.readTree(first.progressDetails);
    assertThat(progress.get("records").asLong()).isEqualTo(20_000);
    assertThat(progress.get("recordsTotal").asLong()).isEqualTo(20_000);
    assertThat(progress.get("source429s").asLong()).isZero();
    long mediaRequests =
        shop.traffic().entries().stream().filter(e -> e.path().contains("/media/")).count();
    System.out.printf(
        "DATASET_TRAFFIC shop saw %d requests (%d media), the run counted %d%n",
        shop.traffic().entries().size(), mediaRequests, progress.get("sourceRequests").asLong());
    // 80 pages of 250 records, one download per distinct media URL
    assertThat(progress.get("sourceRequests").asLong())
        .isEqualTo(80 + manifest.media().size())
        .isEqualTo(shop.traffic().entries().size());
    // distinct contents uploaded once; the same bytes under a second URL are deduplicated
    assertThat(
            progress.get("mediaDownloaded").asLong() + progress.get("mediaDeduplicated").asLong())
        .isEqualTo(manifest.media().size());

    assertThat(progress.get("mediaBytesUploaded").asLong()).isPositive();
    assertThat(events("backup.succeeded", target)).isEqualTo(1);

    shop.traffic().clear();
    long uploadedBefore = mediaStore.uploadedBytes();
    started = System.nanoTime();
    Run second = awaitFinal(runService.createManual(target.id, project, null).id);
    long secondMillis = (System.nanoTime() - started) / 1_000_000;

    assertThat(second.state).isEqualTo(RunState.SUCCEEDED);
    assertThat(shop.traffic().count(429)).isZero();
    JsonNode again = JSON.readTree(second.progressDetails);
    assertThat(again.get("mediaBytesUploaded").asLong()).isZero();
    assertThat(again.get("mediaDownloaded").asLong()).isZero();
    assertThat(again.get("mediaDeduplicated").asLong()).isEqualTo(manifest.media().size());
    assertThat(mediaStore.uploadedBytes()).isEqualTo(uploadedBefore);
    assertThat(
            new ArchiveVerifier(objects)
                .verify(ArchiveKeys.backupPrefix(archiveId(target, second)))
                .problems())
        .isEmpty();
    System.out.printf(
        "DATASET_BACKUP 20000 records, %d media: first %d ms (%d requests), second %d ms,"
            + " zero 429%n",
        manifest.media().size(),
        firstMillis,
        progress.get("sourceRequests").asLong(),
        secondMillis);
  }

  /**
   * Must show 2 through a backup run: the dataset's limit is configured 20 times the shop's real
   * one (one request a second: a keeper slowed down by a loaded machine still goes over it). The
   * run adapts (the shared limit it ends on is below the configured one), completes, and after each
   * 429 the keeper's next request waited at least its Retry-After. With concurrency 1 the keeper
   * sends two request streams, one request at a time each: the page reader ({@code /shop/api/}) and
   * the media downloader ({@code /shop/media/}). So in the shop's log the request that follows a
   * 429 in the same stream was sent after the keeper received that 429 (a request of the other
   * stream may already have been on its way and is not a reaction to it).
   */
  @Test
  void aLimitConfiguredTooHighAdaptsAndTheBackupWaitsEachRetryAfter() throws Exception {
    shop.configure(
        // 3 products: each media download costs the shop's whole second, so a few images will do
        ShopSettings.defaults().withSizes(3, 25, 25, 4).withRateLimit(1, Duration.ofSeconds(1)));
    shop.traffic().clear();
    Target target =
        rows.register(
            project,
            "too-high",
            SourceKind.REST,
            shopConfig(shop, 20, 25, 1),
            apiKey(ShopSettings.API_KEY));

    Run done = awaitFinal(runService.createManual(target.id, project, null).id);

    assertThat(done.state).as(done.reasonCode + " " + done.reason).isEqualTo(RunState.SUCCEEDED);
    List<ShopTraffic.Entry> traffic = shop.traffic().entries();
    long refusals = shop.traffic().count(429);
    JsonNode progress = JSON.readTree(done.progressDetails);
    System.out.printf(
        "DATASET_ADAPTIVE %d requests over %d ms, %d refused (429), limit configured 20/s ended"
            + " at %d/s (the shop allows 1/s)%n",
        traffic.size(),
        traffic.get(traffic.size() - 1).atMillis() - traffic.get(0).atMillis(),
        refusals,
        progress.get("sourceLimit").asInt());
    assertThat(refusals).as("429s from the shop").isPositive();
    assertThat(progress.get("source429s").asLong()).isEqualTo(refusals);
    assertThat(progress.get("sourceRequests").asLong()).isEqualTo(traffic.size());
    assertThat(progress.get("sourceLimit").asInt()).as("adapted down").isLessThan(20);
    int checked = 0;
    for (String stream : List.of("/shop/api/", "/shop/media/")) {
      List<ShopTraffic.Entry> sent =
          traffic.stream().filter(e -> e.path().startsWith(stream)).toList();
      for (int i = 0; i < sent.size() - 1; i++) {
        ShopTraffic.Entry refused = sent.get(i);
        if (refused.status() == 429) {
          assertThat(refused.retryAfterSeconds()).isPositive();
          assertThat(sent.get(i + 1).atMillis() - refused.atMillis())
              .as("the request after the 429 at %d on %s", refused.atMillis(), stream)
              .isGreaterThanOrEqualTo(refused.retryAfterSeconds() * 1000);
          checked++;
        }
      }
    }
    // a 429 is never the last request of a stream: the refused request is always asked again
    assertThat(checked).isEqualTo(refusals);
    ArchiveId id = archiveId(target, done);
    Manifest manifest = ArchiveReader.open(objects, settings, id).manifest();
    assertThat(manifest.records()).isEqualTo(57);
    assertThat(manifest.media()).isNotEmpty();
    assertThat(new ArchiveVerifier(objects).verify(ArchiveKeys.backupPrefix(id)).problems())
        .isEmpty();
    assertThat(artifact(target, done).status).isEqualTo("COMPLETED");
  }

  @Test
  void aSourceRefusingTheCredentialsSuspendsTheDatasetAndItsNextRunIsSkipped() {
    Target target =
        rows.register(
            project, "refused", SourceKind.REST, shopConfig(shop, 50, 50, 2), apiKey("wrong-key"));

    Run failed = awaitFinal(runService.createManual(target.id, project, null).id);

    assertThat(failed.state).isEqualTo(RunState.FAILED);
    assertThat(failed.reasonCode).isEqualTo("SOURCE_UNAUTHORIZED");
    assertThat(failed.reason).doesNotContain("wrong-key");
    assertThat(rows.active(target.id)).isFalse();
    assertThat(events("dataset.suspended", target)).isEqualTo(1);
    assertThat(events("backup.failed", target)).isEqualTo(1);
    assertThat(objectsUnder(ArchiveKeys.projectPrefix(project))).isEmpty();
    assertThat(Db.read(() -> artifacts.count("targetId", target.id))).isZero();

    Run skipped = awaitFinal(runService.createManual(target.id, project, null).id);

    assertThat(skipped.state).isEqualTo(RunState.SKIPPED);
    assertThat(skipped.reasonCode).isEqualTo("DATASET_SUSPENDED");
    assertThat(skipped.attempts).isZero();
  }

  /**
   * Must show 7 (in process): the run's lease is taken over while it writes its archive; the new
   * claim writes the same archive again from the start, and only that one becomes the backup.
   */
  @Test
  void aRunTakenOverMidArchiveIsWrittenAgainAndLeavesOneCompleteArchive() {
    shop.configure(
        ShopSettings.defaults()
            .withSizes(200, 600, 1_200, 100)
            .withRateLimit(40, Duration.ofSeconds(1)));
    Target target =
        rows.register(
            project,
            "taken-over",
            SourceKind.REST,
            shopConfig(shop, 40, 50, 4),
            apiKey(ShopSettings.API_KEY));
    long runId = runService.createManual(target.id, project, null).id;
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> run(runId),
            r -> r.state == RunState.RUNNING && r.progressDone != null && r.progressDone > 0);

    // another replica takes the run over (its lease token changes), then dies: the lease is free
    Db.read(
        () ->
            em.createNativeQuery(
                    "UPDATE runs SET claimed_by = 'replica-b', lease_token = lease_token + 1,"
                        + " version = version + 1,"
                        + " claim_expires_at = NOW(6) - INTERVAL 1 SECOND WHERE id = ?1")
                .setParameter(1, runId)
                .executeUpdate());

    Run done = awaitFinal(runId);

    assertThat(done.state).as(done.reasonCode + " " + done.reason).isEqualTo(RunState.SUCCEEDED);
    assertThat(done.attempts).isEqualTo(2);
    ArchiveId id = archiveId(target, done);
    Manifest manifest = ArchiveReader.open(objects, settings, id).manifest();
    assertThat(manifest.records()).isEqualTo(2_100);
    Set<String> expected = new HashSet<>();
    expected.add(ArchiveKeys.manifest(id).value());
    manifest.entities().forEach(e -> e.parts().forEach(p -> expected.add(p.key())));
    // nothing of the first attempt is left beside the archive, and no other archive exists
    assertThat(objectsUnder(ArchiveKeys.projectPrefix(project))).isEqualTo(expected);
    assertThat(new ArchiveVerifier(objects).verify(ArchiveKeys.projectPrefix(project)).problems())
        .isEmpty();
    assertThat(Db.read(() -> artifacts.list("targetId", target.id)))
        .singleElement()
        .satisfies(a -> assertThat(a.status).isEqualTo("COMPLETED"));
  }

  @Test
  void aRunningBackupShowsItsCountsAndStopsWhenCancelledLeavingNoArchive() {
    Tenant tenant = Tenant.create("dscancel", 0);
    shop.configure(
        ShopSettings.defaults()
            .withSizes(300, 1_000, 2_000, 100)
            .withRateLimit(20, Duration.ofSeconds(1)));
    Target target =
        rows.register(
            tenant.projectId,
            "cancelled",
            SourceKind.REST,
            shopConfig(shop, 20, 50, 4),
            apiKey(ShopSettings.API_KEY));
    Run run = runService.createManual(target.id, tenant.projectId, null);
    String path = "/v1/runs/" + Db.read(() -> runs.findById(run.id).publicId);

    // the run's JSON shows the reading entity and its counts while it runs
    JsonPath running =
        Awaitility.await()
            .atMost(Duration.ofSeconds(60))
            .ignoreExceptions()
            .until(
                () -> tenant.asReader().get(path).then().statusCode(200).extract().jsonPath(),
                j -> j.getLong("progress.records") > 0 && j.getLong("progress.sourceRequests") > 0);
    assertThat(running.getString("state")).isEqualTo("RUNNING");
    assertThat(running.getString("phase")).startsWith("reading ");
    assertThat(running.getInt("percent")).isBetween(5, 95);
    assertThat(running.getLong("progress.source429s")).isZero();
    assertThat(running.getString("progress.entity")).isNotBlank();

    tenant.asMember().post(path + "/cancel").then().statusCode(200);
    Run done = awaitFinal(run.id);

    assertThat(done.state).isEqualTo(RunState.CANCELLED);
    assertThat(done.reasonCode).isEqualTo("CANCELLED");
    assertThat(objectsUnder(ArchiveKeys.projectPrefix(tenant.projectId))).isEmpty();
    assertThat(Db.read(() -> artifacts.count("targetId", target.id))).isZero();
    assertThat(events("backup.cancelled", target)).isEqualTo(1);
    tenant.asReader().get(path).then().statusCode(200).body("state", equalTo("CANCELLED"));
  }

  static ArchiveId archiveId(Target target, Run run) {
    return new ArchiveId(
        target.projectId, UUID.fromString(target.externalId), UUID.fromString(run.publicId));
  }

  private Artifact artifact(Target target, Run run) {
    return Db.read(() -> artifacts.findByExternalId(target.id, run.publicId).orElseThrow());
  }

  Set<String> objectsUnder(String prefix) {
    try (Stream<ObjectInfo> listing = objects.list(prefix)) {
      return listing.map(o -> o.key().value()).collect(Collectors.toSet());
    }
  }

  long events(String type, Target target) {
    return Db.read(
        () ->
            ((Number)
                    em.createNativeQuery(
                            "SELECT COUNT(*) FROM outbox_events WHERE event_type = ?1"
                                + " AND subject = ?2")
                        .setParameter(1, type)
                        .setParameter(2, "targets/" + target.id)
                        .getSingleResult())
                .longValue());
  }

  Run run(long id) {
    return Db.read(
        () -> {
          Run run = runs.findById(id);
          em.detach(run);
          return run;
        });
  }

  Run awaitFinal(long id) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(240))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> run(id),
            r ->
                r.state == RunState.SUCCEEDED
                    || r.state == RunState.FAILED
                    || r.state == RunState.SKIPPED
                    || r.state == RunState.CANCELLED);
  }
}
