package dev.trovekeeper.housekeeping;

import static dev.trovekeeper.testing.DatasetArchives.image;
import static dev.trovekeeper.testing.DatasetArchives.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trovekeeper.archive.ArchiveId;
import dev.trovekeeper.archive.ArchiveKeys;
import dev.trovekeeper.archive.ArchiveRemover;
import dev.trovekeeper.archive.ArchiveSettings;
import dev.trovekeeper.archive.MediaStore;
import dev.trovekeeper.inventory.Target;
import dev.trovekeeper.run.Artifact;
import dev.trovekeeper.storage.ObjectKey;
import dev.trovekeeper.storage.ObjectStore;
import dev.trovekeeper.testing.DatasetArchives;
import dev.trovekeeper.testing.Projects;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The scheduled object-store housekeeping on real MariaDB and s3proxy, with grace periods of
 * seconds: media no backup references are collected by the media job (mark, grace, delete), media
 * shared with a live backup stay; the parts of an archive without manifest are deleted once its
 * dataset has no run going, and kept while one runs.
 */
@QuarkusTest
@TestProfile(HousekeepingJobsTest.ShortGraces.class)
class HousekeepingJobsTest {

  /** Grace periods and intervals of seconds, so the scheduled jobs act during the test. */
  public static class ShortGraces implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "keeper.archive.media-gc-grace", "2s",
          "keeper.archive.incomplete-grace", "2s",
          "keeper.housekeeping.media-gc.interval", "1s",
          "keeper.housekeeping.media-gc.delay", "1s",
          "keeper.housekeeping.incomplete-archives.interval", "1s",
          "keeper.housekeeping.incomplete-archives.delay", "1s");
    }
  }

  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @Inject ObjectStore store;
  @Inject MediaStore media;
  @Inject ArchiveRemover remover;
  @Inject ArchiveSettings settings;
  @Inject Clock clock;
  @Inject EntityManager em;
  @Inject MeterRegistry registry;

  private DatasetArchives archives;

  @BeforeEach
  void helper() {
    archives = new DatasetArchives(em, store, media, settings, clock);
  }

  @Test
  void mediaNoBackupReferencesAreCollectedByTheScheduledJob() {
    Target dataset = archives.dataset(Projects.create("hkmedia"));
    byte[] shared = image("shared");
    byte[] gone = image("gone");
    byte[] kept = image("kept");
    Artifact old = archives.backup(dataset, Instant.now().minusSeconds(7200), shared, gone);
    archives.backup(dataset, Instant.now().minusSeconds(3600), shared, kept);
    double deletedBefore = mediaCounter("deleted");

    // the old backup goes (as retention deletes it): its media references are released
    remover.remove(DatasetArchives.archiveId(dataset, UUID.fromString(old.externalId)));

    // counted when the pass that deleted it ends
    Awaitility.await()
        .atMost(PATIENCE)
        .until(
            () ->
                !mediaExists(dataset, gone)
                    && status(dataset, gone) == null
                    && mediaCounter("deleted") > deletedBefore);
    assertThat(mediaExists(dataset, shared)).isTrue();
    assertThat(status(dataset, shared)).isEqualTo("PRESENT");
    assertThat(mediaExists(dataset, kept)).isTrue();
    assertThat(status(dataset, kept)).isEqualTo("PRESENT");
    assertThat(mediaCounter("marked")).isPositive();
  }

  @Test
  void mediaInTheStoreWithoutARowAreAdoptedAndCollected() {
    String project = Projects.create("hkadopt");
    byte[] orphan = image("orphan");
    // left by a crash between upload and bookkeeping
    ObjectKey key = ArchiveKeys.media(project, sha256(orphan));
    store.put(key, new ByteArrayInputStream(orphan), orphan.length, "image/png");

    Awaitility.await()
        .atMost(PATIENCE)
        .until(() -> !store.exists(key) && mediaCounter("adopted") > 0);
  }

  @Test
  void anIncompleteArchiveIsCleanedOnlyOnceItsDatasetHasNoRunGoing() {
    String project = Projects.create("hkparts");
    byte[] image = image("parts");
    // oldest first: the running run's leftovers are older than the finished run's
    Target running = archives.dataset(project);
    long runningRun = run(running, "RUNNING");
    ArchiveId writing = archives.unfinished(running, image);
    Target failed = archives.dataset(project);
    run(failed, "FAILED");
    ArchiveId crashed = archives.unfinished(failed, image);
    assertThat(archives.objects(crashed)).hasSize(1);

    // the parts go first, then the references
    Awaitility.await()
        .atMost(PATIENCE)
        .until(
            () ->
                archives.objects(crashed).isEmpty()
                    && archives.references(crashed.backupId()) == 0
                    && registry.counter("trove_keeper_incomplete_archives_deleted").count() > 0);
    // the pass that cleaned the younger leftovers looked at these too, and left them alone
    assertThat(archives.objects(writing)).hasSize(1);
    assertThat(archives.references(writing.backupId())).isEqualTo(1);

    finish(runningRun);
    Awaitility.await()
        .atMost(PATIENCE)
        .until(
            () ->
                archives.objects(writing).isEmpty()
                    && archives.references(writing.backupId()) == 0);
  }

  @Test
  void referencesOfABackupThatLeftNoArchiveAreReleasedAndItsMediaCollected() {
    String project = Projects.create("hkorphan");
    Target dataset = archives.dataset(project);
    byte[] image = image("orphaned");
    byte[] complete = image("complete");
    // a finished archive whose artifact is missing is still a backup: its media stay
    ArchiveId unrecorded = archives.archiveOnly(dataset, complete);
    // a backup that stored a media object and died before its first part was uploaded
    UUID crashed = UUID.randomUUID();
    media.store(project, crashed, new ByteArrayInputStream(image), "image/png");

    Awaitility.await()
        .atMost(PATIENCE)
        .until(() -> archives.references(crashed) == 0 && !mediaExists(dataset, image));
    assertThat(archives.references(unrecorded.backupId())).isEqualTo(1);
    assertThat(mediaExists(dataset, complete)).isTrue();
  }

  private double mediaCounter(String action) {
    return registry.counter("trove_keeper_media_gc_objects", "action", action).count();
  }

  private boolean mediaExists(Target dataset, byte[] image) {
    return store.exists(ArchiveKeys.media(dataset.projectId, sha256(image)));
  }

  private String status(Target dataset, byte[] image) {
    return archives.mediaStatus(dataset.projectId, sha256(image));
  }

  /** A run of the dataset; a RUNNING one is held by another replica's live lease. */
  private long run(Target dataset, String state) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              em.createNativeQuery(
                      "INSERT INTO runs (public_id, target_id, project_id, operation, run_trigger,"
                          + " backup_type, state, claimed_by, claim_expires_at, created_at,"
                          + " started_at, updated_at, finished_at) VALUES (UUID(), ?1, ?2,"
                          + " 'BACKUP', 'MANUAL', 'FULL', ?3, ?4, ?5, NOW(6), NOW(6), NOW(6), ?6)")
                  .setParameter(1, dataset.id)
                  .setParameter(2, dataset.projectId)
                  .setParameter(3, state)
                  .setParameter(4, "RUNNING".equals(state) ? "another-replica" : null)
                  .setParameter(
                      5,
                      "RUNNING".equals(state)
                          ? java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).plusHours(1)
                          : null)
                  .setParameter(
                      6,
                      "RUNNING".equals(state)
                          ? null
                          : java.time.LocalDateTime.now(java.time.ZoneOffset.UTC))
                  .executeUpdate();
              return ((Number)
                      em.createNativeQuery("SELECT MAX(id) FROM runs WHERE target_id = ?1")
                          .setParameter(1, dataset.id)
                          .getSingleResult())
                  .longValue();
            });
  }

  private void finish(long runId) {
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                em.createNativeQuery(
                        "UPDATE runs SET state = 'FAILED', claimed_by = NULL,"
                            + " claim_expires_at = NULL, finished_at = NOW(6) WHERE id = ?1")
                    .setParameter(1, runId)
                    .executeUpdate());
  }
}
