package dev.trovekeeper.retention;

import static dev.trovekeeper.retention.RetentionTesting.NEVER;
import static dev.trovekeeper.retention.RetentionTesting.policy;
import static dev.trovekeeper.testing.DatasetArchives.archiveId;
import static dev.trovekeeper.testing.DatasetArchives.image;
import static dev.trovekeeper.testing.DatasetArchives.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trovekeeper.archive.ArchiveId;
import dev.trovekeeper.archive.ArchiveKeys;
import dev.trovekeeper.archive.ArchiveRemover;
import dev.trovekeeper.archive.ArchiveSettings;
import dev.trovekeeper.archive.MediaStore;
import dev.trovekeeper.auth.BackupDeleter;
import dev.trovekeeper.inventory.Target;
import dev.trovekeeper.policy.PolicyService;
import dev.trovekeeper.run.Artifact;
import dev.trovekeeper.storage.ObjectInfo;
import dev.trovekeeper.storage.ObjectKey;
import dev.trovekeeper.storage.ObjectStore;
import dev.trovekeeper.testing.DatasetArchives;
import dev.trovekeeper.testing.Db;
import dev.trovekeeper.testing.Projects;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Retention of dataset backups (archives in the object store, here s3proxy) on the same policies,
 * decisions, deletion tracking and events as Trove backups: a backup that goes loses its manifest
 * first, then its parts, then its media references, and only then is it DELETED with one {@code
 * backup.pruned}. Media another backup still references stay.
 */
@io.quarkus.test.junit.QuarkusTest
class DatasetRetentionTest {

  @Inject PolicyService policies;
  @Inject RetentionExecutor executor;
  @Inject DeletionTracker tracker;
  @Inject BackupDeleter ownerDeletes;
  @Inject ObjectStore store;
  @Inject MediaStore media;
  @Inject ArchiveSettings settings;
  @Inject Clock clock;
  @Inject EntityManager em;

  private DatasetArchives archives;

  @BeforeEach
  void helper() {
    archives = new DatasetArchives(em, store, media, settings, clock);
  }

  @Test
  void keepLastTwoDeletesTheTwoOldestArchivesAndReleasesOnlyTheirMedia() {
    Target dataset = datasetKeeping(2);
    byte[] shared = image("shared");
    List<byte[]> own = List.of(image("a"), image("b"), image("c"), image("d"));
    List<Artifact> backups = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      backups.add(archives.backup(dataset, hoursAgo(4 - i), shared, own.get(i)));
    }

    List<String> deleted = executor.apply(dataset.id);

    List<String> old = List.of(backups.get(0).externalId, backups.get(1).externalId);
    assertThat(deleted).containsExactlyInAnyOrderElementsOf(old);
    for (Artifact gone : backups.subList(0, 2)) {
      assertThat(archives.objects(archive(dataset, gone)))
          .as("archive left in the store")
          .isEmpty();
      assertThat(archives.references(UUID.fromString(gone.externalId))).isZero();
      assertThat(status(gone)).isEqualTo("DELETED");
    }
    for (Artifact kept : backups.subList(2, 4)) {
      assertThat(store.exists(ArchiveKeys.manifest(archive(dataset, kept)))).isTrue();
      assertThat(archives.objects(archive(dataset, kept))).hasSize(2); // manifest and one part
      assertThat(archives.references(UUID.fromString(kept.externalId))).isEqualTo(2);
      assertThat(status(kept)).isEqualTo("COMPLETED");
    }
    // the shared image and the kept backups' own stay; the deleted ones' own are left to the
    // media garbage collector (still PRESENT: it marks and waits before it deletes anything)
    assertThat(mediaExists(dataset, shared)).isTrue();
    assertThat(archives.mediaStatus(dataset.projectId, sha256(shared))).isEqualTo("PRESENT");
    assertThat(own).allSatisfy(image -> assertThat(mediaExists(dataset, image)).isTrue());
    assertThat(referenced(dataset, own.get(0))).isFalse();
    assertThat(referenced(dataset, own.get(1))).isFalse();
    assertThat(referenced(dataset, own.get(2))).isTrue();
    assertThat(referenced(dataset, shared)).isTrue();

    List<JsonNode> pruned = pruned(dataset);
    assertThat(pruned).extracting(d -> d.path("backupId").asText()).containsExactlyElementsOf(old);
    assertThat(pruned)
        .allSatisfy(d -> assertThat(d.path("datasetId").asText()).isEqualTo(dataset.externalId))
        .allSatisfy(d -> assertThat(d.path("reason").asText()).isEqualTo("EXPIRED"));
    // a second pass finds nothing more to do and tells nobody twice
    assertThat(executor.apply(dataset.id)).isEmpty();
    assertThat(pruned(dataset)).hasSize(2);
  }

  /**
   * A restore's safety backup (origin BEFORE_RESTORE) stays while younger than {@code
   * keeper.retention.before-restore-keep} (90 days), whatever keep-last says; an older one goes.
   */
  @Test
  void aSafetyBackupYoungerThanTheRestoreLogRetentionIsKept() {
    Target dataset = datasetKeeping(1);
    Artifact oldSafety = archives.backup(dataset, Instant.now().minus(Duration.ofDays(91)));
    Artifact safety = archives.backup(dataset, hoursAgo(3));
    Artifact plain = archives.backup(dataset, hoursAgo(2));
    archives.backup(dataset, hoursAgo(1));
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                em.createNativeQuery(
                        "UPDATE artifacts SET origin = 'BEFORE_RESTORE' WHERE id IN (?1, ?2)")
                    .setParameter(1, oldSafety.id)
                    .setParameter(2, safety.id)
                    .executeUpdate());

    List<String> deleted = executor.apply(dataset.id);

    assertThat(deleted).containsExactlyInAnyOrder(oldSafety.externalId, plain.externalId);
    assertThat(status(safety)).isEqualTo("COMPLETED");
  }

  @Test
  void aCrashBetweenManifestAndPartsIsFinishedByTheNextPass() {
    Target dataset = datasetKeeping(2);
    byte[] image = image("crash");
    Artifact oldest = archives.backup(dataset, hoursAgo(3), image);
    archives.backup(dataset, hoursAgo(2), image("x"));
    archives.backup(dataset, hoursAgo(1), image("y"));
    ArchiveId id = archive(dataset, oldest);
    // Retention decided (the artifact DELETING, its pending row), then the replica deleting the
    // archive died right after the manifest: the store refuses the next delete.
    tracker.decided(
        dataset.id, List.of(new DeletionTracker.Mark(oldest, DeleteReason.EXPIRED.name(), null)));
    CrashAfterFirstDelete crashing = new CrashAfterFirstDelete(store);
    assertThatThrownBy(() -> new ArchiveRemover(crashing, media).remove(id))
        .hasMessageContaining("crash");

    assertThat(crashing.deleted).containsExactly(ArchiveKeys.manifest(id).value());
    assertThat(store.exists(ArchiveKeys.manifest(id))).isFalse();
    assertThat(archives.objects(id)).as("parts left by the crash").hasSize(1);
    assertThat(archives.references(id.backupId())).isEqualTo(1);
    assertThat(status(oldest)).isEqualTo("DELETING");

    assertThat(executor.apply(dataset.id)).containsExactly(oldest.externalId);

    assertThat(archives.objects(id)).isEmpty();
    assertThat(archives.references(id.backupId())).isZero();
    assertThat(status(oldest)).isEqualTo("DELETED");
    assertThat(pruned(dataset))
        .singleElement()
        .satisfies(d -> assertThat(d.path("reason").asText()).isEqualTo("EXPIRED"));
  }

  @Test
  void anOwnerConfirmedDeletionRemovesTheArchive() {
    Target dataset = datasetKeeping(10);
    Artifact doomed = archives.backup(dataset, hoursAgo(2), image("doomed"));
    Artifact other = archives.backup(dataset, hoursAgo(1), image("other"));

    // what POST /v1/deletions/confirm ends in
    QuarkusTransaction.requiringNew()
        .run(() -> ownerDeletes.delete(dataset.projectId, List.of(doomed.publicId)));
    assertThat(status(doomed)).isEqualTo("DELETING");
    assertThat(executor.apply(dataset.id)).containsExactly(doomed.externalId);

    assertThat(archives.objects(archive(dataset, doomed))).isEmpty();
    assertThat(archives.references(UUID.fromString(doomed.externalId))).isZero();
    assertThat(archives.objects(archive(dataset, other))).hasSize(2);
    assertThat(pruned(dataset))
        .singleElement()
        .satisfies(d -> assertThat(d.path("reason").asText()).isEqualTo("OWNER_CONFIRMED"));
  }

  @Test
  void datasetBackupsHaveNoChainsEvenWithAParentRecorded() {
    Target dataset = datasetKeeping(1);
    Artifact first = archives.backup(dataset, hoursAgo(3), image("1"));
    Artifact second = archives.backup(dataset, hoursAgo(2), image("2"));
    Artifact third = archives.backup(dataset, hoursAgo(1), image("3"));
    // As if each had been taken on top of the one before: a Trove chain would keep all three.
    setParent(second, first);
    setParent(third, second);

    assertThat(executor.apply(dataset.id))
        .containsExactlyInAnyOrder(first.externalId, second.externalId);

    assertThat(archives.objects(archive(dataset, first))).isEmpty();
    assertThat(archives.objects(archive(dataset, second))).isEmpty();
    assertThat(archives.objects(archive(dataset, third))).hasSize(2);
    assertThat(pruned(dataset))
        .allSatisfy(d -> assertThat(d.path("reason").asText()).isEqualTo("EXPIRED"))
        .allSatisfy(d -> assertThat(d.has("deletedWith")).isFalse());
  }

  private Target datasetKeeping(int keepLast) {
    String project = Projects.create("dsret");
    policies.setProjectDefault(project, policy(NEVER, keepLast, null));
    return archives.dataset(project);
  }

  private Instant hoursAgo(int hours) {
    return Instant.now().minus(Duration.ofHours(hours));
  }

  private static ArchiveId archive(Target dataset, Artifact artifact) {
    return archiveId(dataset, UUID.fromString(artifact.externalId));
  }

  private boolean mediaExists(Target dataset, byte[] image) {
    return store.exists(ArchiveKeys.media(dataset.projectId, sha256(image)));
  }

  private boolean referenced(Target dataset, byte[] image) {
    return Db.read(
            () ->
                ((Number)
                        em.createNativeQuery(
                                "SELECT COUNT(*) FROM media_references"
                                    + " WHERE project_id = ?1 AND sha256 = ?2")
                            .setParameter(1, dataset.projectId)
                            .setParameter(2, sha256(image))
                            .getSingleResult())
                    .longValue())
        > 0;
  }

  private String status(Artifact artifact) {
    return Db.read(
        () ->
            em.createQuery("select a.status from Artifact a where a.id = ?1", String.class)
                .setParameter(1, artifact.id)
                .getSingleResult());
  }

  private void setParent(Artifact child, Artifact parent) {
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                em.createQuery("update Artifact a set a.parentExternalId = ?1 where a.id = ?2")
                    .setParameter(1, parent.externalId)
                    .setParameter(2, child.id)
                    .executeUpdate());
  }

  private List<JsonNode> pruned(Target dataset) {
    return RetentionTesting.payloads(em, dataset.id, "backup.pruned").stream()
        .map(RetentionTesting::data)
        .toList();
  }

  /** The real store, except that every delete after the first fails, as if the replica died. */
  private static final class CrashAfterFirstDelete implements ObjectStore {

    private final ObjectStore real;
    final List<String> deleted = new ArrayList<>();

    CrashAfterFirstDelete(ObjectStore real) {
      this.real = real;
    }

    @Override
    public void delete(ObjectKey key) {
      if (!deleted.isEmpty()) {
        throw new IllegalStateException("crash before deleting " + key.value());
      }
      real.delete(key);
      deleted.add(key.value());
    }

    @Override
    public void put(ObjectKey key, InputStream content, long length, String contentType) {
      real.put(key, content, length, contentType);
    }

    @Override
    public InputStream get(ObjectKey key) {
      return real.get(key);
    }

    @Override
    public Optional<ObjectInfo> stat(ObjectKey key) {
      return real.stat(key);
    }

    @Override
    public Stream<ObjectInfo> list(String prefix) {
      return real.list(prefix);
    }

    @Override
    public void checkReachable() {
      real.checkReachable();
    }

    @Override
    public String kind() {
      return real.kind();
    }

    @Override
    public String location() {
      return real.location();
    }
  }
}
