package dev.trovekeeper.diff;

import dev.trovekeeper.archive.ArchiveException;
import dev.trovekeeper.archive.ArchiveId;
import dev.trovekeeper.archive.ArchiveReader;
import dev.trovekeeper.archive.ArchiveSettings;
import dev.trovekeeper.dataset.LiveSources;
import dev.trovekeeper.dataset.OpenedSource;
import dev.trovekeeper.inventory.Target;
import dev.trovekeeper.inventory.TargetKind;
import dev.trovekeeper.ratelimit.RateLimitStats;
import dev.trovekeeper.run.Admission;
import dev.trovekeeper.run.Operation;
import dev.trovekeeper.run.ProgressCheckpoint;
import dev.trovekeeper.run.Run;
import dev.trovekeeper.run.RunExecutor;
import dev.trovekeeper.run.RunLease;
import dev.trovekeeper.run.RunOutcomes;
import dev.trovekeeper.run.RunState;
import dev.trovekeeper.run.RunStore;
import dev.trovekeeper.source.InvalidSourceConfigException;
import dev.trovekeeper.source.SourceException;
import dev.trovekeeper.storage.ObjectStore;
import dev.trovekeeper.storage.StorageException;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One step of a diff run, which is the whole diff: admitted under the same limits as a backup, it
 * reads the base backup's archive and the other side (the live source through the backup's own
 * readers and shared rate limit, or a second archive) into per-entity sorted runs on disk, merges
 * them by id and writes each difference to the database as it is found. Progress about once a
 * second under the lease (a fenced update, which also notices a cancel); an attempt that starts
 * again (retry, takeover) deletes what an earlier one wrote first.
 */
@ApplicationScoped
public class DiffExecutor implements RunExecutor {

  private final RunStore store;
  private final Admission admission;
  private final RunOutcomes outcomes;
  private final DiffOutcomes endings;
  private final DiffStore diffs;
  private final LiveSources live;
  private final ObjectStore objects;
  private final ArchiveSettings settings;
  private final DiffConfig config;
  private final Clock clock;

  DiffExecutor(
      RunStore store,
      Admission admission,
      RunOutcomes outcomes,
      DiffOutcomes endings,
      DiffStore diffs,
      LiveSources live,
      ObjectStore objects,
      ArchiveSettings settings,
      DiffConfig config,
      Clock clock) {
    this.store = store;
    this.admission = admission;
    this.outcomes = outcomes;
    this.endings = endings;
    this.diffs = diffs;
    this.live = live;
    this.objects = objects;
    this.settings = settings;
    this.config = config;
    this.clock = clock;
  }

  @Override
  public boolean handles(TargetKind kind, Operation operation) {
    return kind == TargetKind.DATASET && operation == Operation.DIFF;
  }

  @Override
  public void step(Run run, Target target, RunLease lease) {
    DiffStore.DiffRow diff = diffs.find(run.id).orElse(null);
    if (diff == null) {
      endings.failed(run, lease, "DIFF_MISSING", "the diff's backups no longer exist");
      return;
    }
    if (run.cancelRequestedAt != null) {
      diffs.clear(run.id);
      endings.cancelled(lease, null);
      return;
    }
    if (!admission.tryAdmit(run.id)) {
      outcomes.waitForSlot(run, lease);
      return;
    }
    Run attempt =
        store.update(
            lease,
            r -> {
              outcomes.recordAttempt(r);
              r.state = RunState.RUNNING;
              r.progressPhase = "reading backup";
              r.progressPercent = Math.max(r.progressPercent, 1);
            });
    diffs.clear(run.id);
    try {
      compare(attempt, target, diff, lease);
    } catch (Cancelled e) {
      diffs.clear(run.id);
      endings.cancelled(lease, e.details);
    } catch (ArchiveException e) {
      endings.failed(attempt, lease, "BACKUP_UNREADABLE", e.getMessage());
    } catch (InvalidSourceConfigException e) {
      endings.failed(attempt, lease, "SOURCE_CONFIG_INVALID", e.getMessage());
    } catch (SourceException e) {
      if (e.transientFailure()) {
        outcomes.retryLater(attempt, lease, "SOURCE_UNAVAILABLE", e.getMessage());
      } else {
        endings.failed(attempt, lease, "SOURCE_ERROR", e.getMessage());
      }
    } catch (StorageException e) {
      if (e.isTransient()) {
        outcomes.retryLater(attempt, lease, "STORAGE_UNAVAILABLE", e.getMessage());
      } else {
        endings.failed(attempt, lease, "STORAGE_ERROR", e.getMessage());
      }
    } catch (InterruptedException e) {
      // stopping: the step counts as failed once and the run is taken up again
      Thread.currentThread().interrupt();
      throw new IllegalStateException("diff interrupted", e);
    }
  }

  private void compare(Run run, Target target, DiffStore.DiffRow diff, RunLease lease)
      throws InterruptedException {
    ArchiveReader base =
        ArchiveReader.open(objects, settings, archive(target, diff.baseArchiveId()));
    ArchiveReader otherArchive =
        diff.otherArchiveId() == null
            ? null
            : ArchiveReader.open(objects, settings, archive(target, diff.otherArchiveId()));
    OpenedSource source = null;
    if (otherArchive == null) {
      Optional<OpenedSource> opened = live.openActive(target.id);
      if (opened.isEmpty()) {
        outcomes.skip(
            run, lease, "DATASET_SUSPENDED", "the dataset is suspended: its source is not read");
        return;
      }
      source = opened.get();
    }
    long baseRecords = base.manifest().records();
    DiffProgress progress =
        new DiffProgress(
            clock.instant(),
            baseRecords,
            otherArchive == null ? baseRecords : otherArchive.manifest().records());
    OpenedSource liveSource = source;
    Checkpoint checkpoint = new Checkpoint(lease, progress, liveSource);
    try (Sides sides = read(base, otherArchive, liveSource, progress, checkpoint);
        DiffStore.Writer writer = diffs.writer(run.id)) {
      progress.otherDone();
      progress.phase("comparing");
      ChangeSink sink =
          (entity, id, kind, patch) -> {
            progress.change(kind);
            writer.change(entity, id, kind, patch);
          };
      Map<String, DiffMerge.Counts> counts =
          DiffEngine.compare(
              sides.base(),
              sides.other(),
              sink,
              () -> {
                progress.compared();
                checkpoint.run();
              });
      writer.flush();
      diffs.counts(run.id, counts);
      DiffMerge.Counts totals = new DiffMerge.Counts();
      counts.values().forEach(c -> add(totals, c));
      Log.infof(
          "Diff %s of dataset %s: %d added, %d changed, %d removed, %d unchanged",
          run.publicId,
          target.externalId,
          totals.added,
          totals.changed,
          totals.removed,
          totals.unchanged);
      endings.succeeded(lease, totals, progress.json(stats(liveSource)));
    }
  }

  /** Both sides of a diff, sorted on disk. */
  private record Sides(DiffSide base, DiffSide other, AutoCloseable owner)
      implements AutoCloseable {
    @Override
    public void close() {
      try {
        owner.close();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /**
   * Reads both sides: against the live data, the backup on a thread of its own while the source is
   * read ({@link Comparison#read}: the archive's CPU work fills the waits of the source's rate
   * limit instead of pausing its requests; the progress is written from this thread only); two
   * backups one after the other.
   */
  private Sides read(
      ArchiveReader base,
      ArchiveReader otherArchive,
      OpenedSource liveSource,
      DiffProgress progress,
      Checkpoint checkpoint)
      throws InterruptedException {
    if (otherArchive == null) {
      Comparison both =
          Comparison.read(
              base,
              liveSource::read,
              settings.tempDir(),
              config.sortChunkBytes(),
              // the backup reader's thread: counts only, the checkpoint is this thread's
              Comparison.Listener.of(name -> {}, progress::baseRecord),
              Comparison.Listener.of(
                  name -> progress.phase("reading live " + name),
                  () -> {
                    progress.otherRecord();
                    checkpoint.run();
                  }),
              () -> {
                progress.phase("reading backup");
                checkpoint.run();
              });
      return new Sides(both.backupSide(), both.otherSide(), both);
    }
    DiffSide baseSide =
        DiffSide.read(
            DiffSide.archive(base),
            settings.tempDir(),
            config.sortChunkBytes(),
            listener(progress, checkpoint, "reading backup ", progress::baseRecord));
    try {
      DiffSide otherSide =
          DiffSide.read(
              DiffSide.archive(otherArchive),
              settings.tempDir(),
              config.sortChunkBytes(),
              listener(progress, checkpoint, "reading other backup ", progress::otherRecord));
      return new Sides(
          baseSide,
          otherSide,
          () -> {
            try (baseSide;
                otherSide) {
              // both closed
            }
          });
    } catch (RuntimeException | InterruptedException e) {
      baseSide.close();
      throw e;
    }
  }

  private static void add(DiffMerge.Counts totals, DiffMerge.Counts c) {
    totals.added += c.added;
    totals.changed += c.changed;
    totals.removed += c.removed;
    totals.unchanged += c.unchanged;
  }

  private static DiffSide.Listener listener(
      DiffProgress progress, Checkpoint checkpoint, String phase, Runnable count) {
    return new DiffSide.Listener() {
      @Override
      public void entity(String name) {
        progress.phase(phase + name);
      }

      @Override
      public void record() {
        count.run();
        checkpoint.run();
      }
    };
  }

  private static ArchiveId archive(Target target, String backupId) {
    return new ArchiveId(
        target.projectId, UUID.fromString(target.externalId), UUID.fromString(backupId));
  }

  private static RateLimitStats stats(OpenedSource source) {
    return source == null ? null : source.stats();
  }

  /** A tenant asked to cancel the diff while it ran. */
  static final class Cancelled extends RuntimeException {
    final String details;

    Cancelled(String details) {
      super("cancelled");
      this.details = details;
    }
  }

  /**
   * Writes the progress under the lease about once a second (a fenced update: a run taken over
   * fails here with {@link RunStore.LostClaimException}) and stops the diff when a tenant asked to
   * cancel it.
   */
  private final class Checkpoint implements Runnable {
    private final ProgressCheckpoint checkpoint;
    private final DiffProgress progress;
    private final OpenedSource source;

    Checkpoint(RunLease lease, DiffProgress progress, OpenedSource source) {
      this.checkpoint = new ProgressCheckpoint(store, lease, true);
      this.progress = progress;
      this.source = source;
    }

    @Override
    public void run() {
      if (!checkpoint.due()) {
        return;
      }
      String details = progress.json(stats(source));
      Instant at = clock.instant();
      if (checkpoint.write(
          new ProgressCheckpoint.Progress(
              progress.percent(),
              progress.phase(),
              progress.done(),
              progress.total(),
              progress.eta(at),
              details))) {
        throw new Cancelled(details);
      }
    }
  }
}
