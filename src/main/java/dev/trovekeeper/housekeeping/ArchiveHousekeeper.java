package dev.trovekeeper.housekeeping;

import dev.trovekeeper.archive.ArchiveId;
import dev.trovekeeper.archive.ArchiveKeys;
import dev.trovekeeper.archive.IncompleteArchiveCleaner;
import dev.trovekeeper.archive.MediaGarbageCollector;
import dev.trovekeeper.archive.MediaStore;
import dev.trovekeeper.inventory.TargetKind;
import dev.trovekeeper.joblock.JobLock;
import dev.trovekeeper.run.RunService;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Keeps the object store clean, one replica at a time per job (job locks {@code media-gc} and
 * {@code incomplete-archives}): media garbage collection, and the parts of archives that never got
 * their manifest. Each pass counts what it did and logs one line.
 */
@ApplicationScoped
public class ArchiveHousekeeper {

  /** A replica that dies while holding a job's lock blocks that job at most this long. */
  private static final Duration MIN_LOCK_TTL = Duration.ofMinutes(30);

  /** Rounds of mark and sweep in one pass while the collector keeps finding full batches. */
  private static final int MAX_ROUNDS = 100;

  private final MediaGarbageCollector collector;
  private final IncompleteArchiveCleaner cleaner;
  private final MediaStore media;
  private final OrphanedReferences orphans;
  private final RunService runs;
  private final JobLock lock;
  private final HousekeepingConfig config;
  private final HousekeepingMetrics metrics;

  ArchiveHousekeeper(
      MediaGarbageCollector collector,
      IncompleteArchiveCleaner cleaner,
      MediaStore media,
      OrphanedReferences orphans,
      RunService runs,
      JobLock lock,
      HousekeepingConfig config,
      HousekeepingMetrics metrics) {
    this.collector = collector;
    this.cleaner = cleaner;
    this.media = media;
    this.orphans = orphans;
    this.runs = runs;
    this.lock = lock;
    this.config = config;
    this.metrics = metrics;
  }

  /** What one media pass did. */
  public record MediaPass(int adopted, int marked, int deleted, int revived) {}

  /**
   * What one incomplete-archive pass did: the archives removed, their media references released,
   * and the references of backups that left no archive at all ({@link OrphanedReferences}).
   */
  public record IncompletePass(List<ArchiveId> archives, int references, int orphaned) {}

  /**
   * One media garbage-collection pass: takes media objects without a row into the protocol, deletes
   * those marked longer than the grace period and still unreferenced, marks the unreferenced ones.
   *
   * @return what it did, or empty when another replica holds the lock
   */
  public Optional<MediaPass> collectMedia() {
    return lock.runExclusively(
        HousekeepingJobs.MEDIA_GC, ttl(config.mediaGc().interval()), this::mediaPass);
  }

  /**
   * One pass over archives without manifest: deletes the parts of those older than the grace period
   * whose dataset has no run still going, and releases their media references.
   *
   * @return what it did, or empty when another replica holds the lock
   */
  public Optional<IncompletePass> cleanIncompleteArchives() {
    return lock.runExclusively(
        HousekeepingJobs.INCOMPLETE_ARCHIVES,
        ttl(config.incompleteArchives().interval()),
        this::incompletePass);
  }

  private MediaPass mediaPass() {
    int adopted = collector.adoptUntracked();
    int marked = 0;
    int deleted = 0;
    int revived = 0;
    for (int round = 0; round < MAX_ROUNDS; round++) {
      MediaGarbageCollector.Pass pass = collector.collect();
      marked += pass.marked();
      deleted += pass.deleted();
      revived += pass.revived();
      boolean full =
          pass.marked() == MediaGarbageCollector.BATCH
              || pass.deleted() + pass.revived() == MediaGarbageCollector.BATCH;
      if (!full) {
        break;
      }
    }
    MediaPass result = new MediaPass(adopted, marked, deleted, revived);
    metrics.mediaPass(result);
    Log.infof(
        "Media garbage collection: %d marked DELETING, %d deleted, %d referenced again, %d"
            + " untracked adopted",
        marked, deleted, revived, adopted);
    return result;
  }

  private IncompletePass incompletePass() {
    List<ArchiveId> removed = cleaner.deleteIncomplete(ArchiveKeys.ARCHIVES, this::inUse);
    int references = 0;
    for (ArchiveId id : removed) {
      references += media.release(id.backupId());
    }
    int orphaned = orphans.release();
    IncompletePass result = new IncompletePass(removed, references, orphaned);
    metrics.incompletePass(result);
    Log.infof(
        "Incomplete archives: %d without manifest deleted %s, %d of their media references and %d"
            + " of backups that left no archive released",
        removed.size(), removed.stream().map(ArchiveId::backupId).toList(), references, orphaned);
    return result;
  }

  /** A dataset with a run not yet final may still be writing (or resume writing) this archive. */
  private boolean inUse(ArchiveId id) {
    return runs.hasUnfinishedRun(TargetKind.DATASET, id.projectId(), id.datasetId().toString());
  }

  private static Duration ttl(Duration interval) {
    return interval.compareTo(MIN_LOCK_TTL) > 0 ? interval : MIN_LOCK_TTL;
  }
}
