package dev.trovekeeper.datarestore;

import dev.trovekeeper.archive.ArchiveException;
import dev.trovekeeper.archive.ArchiveId;
import dev.trovekeeper.archive.ArchiveReader;
import dev.trovekeeper.archive.ArchiveSettings;
import dev.trovekeeper.archive.Manifest;
import dev.trovekeeper.dataset.LiveSources;
import dev.trovekeeper.dataset.OpenedSource;
import dev.trovekeeper.diff.Comparison;
import dev.trovekeeper.diff.DiffConfig;
import dev.trovekeeper.inventory.Target;
import dev.trovekeeper.inventory.TargetKind;
import dev.trovekeeper.run.Admission;
import dev.trovekeeper.run.Operation;
import dev.trovekeeper.run.ProgressCheckpoint;
import dev.trovekeeper.run.Run;
import dev.trovekeeper.run.RunExecutor;
import dev.trovekeeper.run.RunLease;
import dev.trovekeeper.run.RunOutcomes;
import dev.trovekeeper.run.RunService;
import dev.trovekeeper.run.RunState;
import dev.trovekeeper.run.RunStore;
import dev.trovekeeper.source.InvalidSourceConfigException;
import dev.trovekeeper.source.RecordWriter;
import dev.trovekeeper.source.SourceException;
import dev.trovekeeper.storage.ObjectStore;
import dev.trovekeeper.storage.StorageException;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A restore of tenant data, as steps of one run. First a safety backup: a BACKUP run of the same
 * dataset (trigger BEFORE_RESTORE, carried out by the dataset backup executor) is queued and waited
 * for; if it does not succeed, the restore ends FAILED having written nothing. Then, admitted as
 * any run, one step reads the backup and the live data (at the same time) through the diff engine
 * ({@link Comparison}) and writes the selected differences back, entity by entity parents first
 * ({@link EntityOrder}), the objects of an entity in parallel on a REST source ({@link
 * ParallelWrites}, {@code keeper.data-restore.write-concurrency}, all under the source's shared
 * limit), each refused object logged while the rest goes on; deletions of objects added since the
 * backup (only when asked) go children first. An object the source re-creates under an id of its
 * own is kept in {@link RestoredIds}, and later restores read older backups through it. Ends
 * SUCCEEDED, PARTIAL (some refused) or FAILED. Progress about once a second under the lease, which
 * also notices a cancel. An attempt that starts again (retry, takeover) starts its counts and error
 * log afresh; writing the same backup again changes nothing, so it converges.
 */
@ApplicationScoped
public class DataRestoreExecutor implements RunExecutor {

  private final RunStore store;
  private final RunService runs;
  private final Admission admission;
  private final RunOutcomes outcomes;
  private final DataRestoreOutcomes endings;
  private final DataRestoreStore restores;
  private final LiveSources live;
  private final ObjectStore objects;
  private final ArchiveSettings settings;
  private final DiffConfig diffConfig;
  private final DataRestoreConfig config;
  private final RestoredIds restoredIds;
  private final Clock clock;

  DataRestoreExecutor(
      RunStore store,
      RunService runs,
      Admission admission,
      RunOutcomes outcomes,
      DataRestoreOutcomes endings,
      DataRestoreStore restores,
      LiveSources live,
      ObjectStore objects,
      ArchiveSettings settings,
      DiffConfig diffConfig,
      DataRestoreConfig config,
      RestoredIds restoredIds,
      Clock clock) {
    this.store = store;
    this.runs = runs;
    this.admission = admission;
    this.outcomes = outcomes;
    this.endings = endings;
    this.restores = restores;
    this.live = live;
    this.objects = objects;
    this.settings = settings;
    this.diffConfig = diffConfig;
    this.config = config;
    this.restoredIds = restoredIds;
    this.clock = clock;
  }

  @Override
  public boolean handles(TargetKind kind, Operation operation) {
    return kind == TargetKind.DATASET && operation == Operation.RESTORE_DATA;
  }

  @Override
  public void step(Run run, Target target, RunLease lease) {
    DataRestoreStore.Row row = restores.find(run.id).orElse(null);
    if (row == null) {
      endings.failed(run, lease, null, "RESTORE_MISSING", "the restore's record is gone");
      return;
    }
    if (run.cancelRequestedAt != null) {
      endings.cancelled(run, lease, row, null);
      return;
    }
    if (row.safetyRunId() == null) {
      Run safety = runs.createBeforeRestore(target.id, target.projectId);
      restores.linkSafety(run.id, safety.id);
      waitFor(lease, "safety backup queued");
      return;
    }
    Run safety = runs.find(row.safetyRunId()).orElse(null);
    RunState state = safety == null ? RunState.FAILED : safety.state;
    switch (state) {
      case PENDING, REQUESTED, RUNNING -> {
        waitFor(lease, "safety backup " + state.name().toLowerCase());
        return;
      }
      case SUCCEEDED -> {}
      default -> {
        endings.failed(
            run,
            lease,
            row,
            "SAFETY_BACKUP_FAILED",
            "the safety backup ended "
                + state
                + (safety == null || safety.reason == null ? "" : ": " + safety.reason)
                + "; nothing was written");
        return;
      }
    }
    if (row.backupArchiveId() == null) {
      endings.failed(run, lease, row, "BACKUP_GONE", "the backup is no longer COMPLETED");
      return;
    }
    if (!admission.tryAdmit(run.id)) {
      outcomes.waitForSlot(run, lease);
      return;
    }
    Run attempt = outcomes.startWork(lease, "reading backup");
    restores.reset(run.id);
    RestoreCounts counts = new RestoreCounts();
    try {
      restore(attempt, target, row, lease, counts);
    } catch (Cancelled e) {
      restores.save(run.id, counts);
      endings.cancelled(attempt, lease, row, e.details);
    } catch (ArchiveException e) {
      endings.failed(attempt, lease, row, "BACKUP_UNREADABLE", e.getMessage());
    } catch (InvalidSourceConfigException e) {
      endings.failed(attempt, lease, row, "SOURCE_CONFIG_INVALID", e.getMessage());
    } catch (SourceException e) {
      restores.save(run.id, counts);
      if (e.transientFailure()) {
        outcomes.retryLater(attempt, lease, "SOURCE_UNAVAILABLE", e.getMessage());
      } else {
        endings.failed(attempt, lease, row, "SOURCE_ERROR", e.getMessage());
      }
    } catch (StorageException e) {
      if (e.isTransient()) {
        outcomes.retryLater(attempt, lease, "STORAGE_UNAVAILABLE", e.getMessage());
      } else {
        endings.failed(attempt, lease, row, "STORAGE_ERROR", e.getMessage());
      }
    } catch (InterruptedException e) {
      // stopping: the step counts as failed once and the run is taken up again
      Thread.currentThread().interrupt();
      throw new IllegalStateException("restore interrupted", e);
    }
  }

  private void restore(
      Run run, Target target, DataRestoreStore.Row row, RunLease lease, RestoreCounts counts)
      throws InterruptedException {
    ArchiveReader backup =
        ArchiveReader.open(
            objects,
            settings,
            new ArchiveId(
                target.projectId,
                UUID.fromString(target.externalId),
                UUID.fromString(row.backupArchiveId())));
    Optional<OpenedSource> opened = live.openActive(target.id);
    if (opened.isEmpty()) {
      outcomes.skip(run, lease, "DATASET_SUSPENDED", "the dataset is suspended: nothing written");
      return;
    }
    OpenedSource source = opened.get();
    Manifest manifest = backup.manifest();
    Selection selection = Selection.parse(row.selection());
    RestoreProgress progress = new RestoreProgress(clock.instant(), manifest.records(), counts);
    Checkpoint checkpoint = new Checkpoint(run, lease, progress, source, counts);
    // objects earlier restores re-created under new ids: the backup is read as they now live
    RestoredIds.Known known =
        restoredIds.since(
            target.id,
            manifest.startedAt() == null ? java.time.Instant.EPOCH : manifest.startedAt());
    IdRewriter earlier = new IdRewriter(manifest.schema());
    known.into(earlier);
    try (Comparison comparison =
            Comparison.read(
                backup,
                known.isEmpty() ? null : earlier::live,
                source::read,
                settings.tempDir(),
                diffConfig.sortChunkBytes(),
                // on the backup reader's own thread: counts only, the checkpoint is this thread's
                Comparison.Listener.of(progress::backupEntity, progress::backupRecord),
                listener(progress::liveEntity, progress::liveRecord, checkpoint),
                () -> {
                  progress.waitingForBackup();
                  checkpoint.run();
                });
        RecordWriter writer = source.writer();
        // declared last, closed first: the writes in flight end before the writer closes
        ParallelWrites writes =
            new ParallelWrites(writer.concurrent() ? config.writeConcurrency() : 1)) {
      List<String> order = EntityOrder.of(comparison.entities(), manifest.schema());
      progress.toCompare(
          order.stream().filter(selection::touches).mapToLong(comparison::backupRecords).sum());
      MediaRestorer media = null;
      if (manifest.media().isEmpty()) {
        // nothing to upload
      } else if (writer.acceptsMedia()) {
        media = new MediaRestorer(writer, objects, settings.tempDir(), manifest);
        progress.media(media);
      } else {
        progress.mediaSkipped(
            "the source has no mediaUploadPath: the "
                + manifest.media().size()
                + " media files of the backup are not uploaded (records keep their URLs)");
      }
      RestoreApplier applier =
          new RestoreApplier(
              writer,
              selection,
              new IdRewriter(manifest.schema()),
              counts,
              media,
              writes,
              (entity, id, newId) ->
                  restoredIds.record(target.id, entity, known.backupId(entity, id), newId));
      checkpoint.applier = applier;
      Runnable tick =
          () -> {
            progress.compared();
            checkpoint.run();
          };
      List<String> touched = order.stream().filter(selection::touches).toList();
      List<List<String>> cycles = EntityOrder.cycles(touched, manifest.schema());
      for (String entity : touched) {
        List<String> cycle = cycleOf(entity, cycles, touched);
        if (!cycle.isEmpty() && cycle.get(0).equals(entity)) {
          for (String member : cycle) { // which objects of the cycle will be re-created
            comparison.compare(member, applier::expect, checkpoint);
          }
        }
        progress.phase("restoring " + entity);
        long unchanged =
            comparison.compare(entity, applier::restore, applier.sameSink(entity), tick);
        if (selection.whole(entity)) {
          counts.add(c -> c.unchanged += unchanged);
        }
        applier.flush(); // parents written before their children
        if (!cycle.isEmpty() && cycle.get(cycle.size() - 1).equals(entity) && applier.unlinked()) {
          for (String member : cycle) { // the references left empty inside the cycle
            progress.phase("linking " + member);
            comparison.compare(member, applier::link, applier::linkSame, checkpoint);
          }
          applier.flush();
        }
      }
      if (row.includeAdded()) {
        List<String> childrenFirst = new ArrayList<>(order);
        Collections.reverse(childrenFirst);
        for (String entity : childrenFirst) {
          if (selection.touches(entity)) {
            progress.phase("deleting added " + entity);
            comparison.compare(entity, applier::deleteAdded, checkpoint);
            applier.flush(); // children deleted before their parents
          }
        }
      }
      restores.errors(run.id, applier.drainErrors());
      restores.save(run.id, counts);
      Log.infof(
          "Restore %s of dataset %s: %d updated, %d created, %d deleted, %d failed",
          run.publicId,
          target.externalId,
          counts.updated,
          counts.created,
          counts.deleted,
          counts.failed);
      endings.finished(run, lease, row, counts, progress.json(source.stats()));
    }
  }

  /**
   * The entities of {@code entity}'s reference cycle (a self-reference is one) in writing order
   * ({@link EntityOrder} writes them one after the other), or none.
   */
  private static List<String> cycleOf(
      String entity, List<List<String>> cycles, List<String> order) {
    return cycles.stream()
        .filter(c -> c.contains(entity))
        .findFirst()
        .map(c -> order.stream().filter(c::contains).toList())
        .orElse(List.of());
  }

  private void waitFor(RunLease lease, String phase) {
    Instant next = clock.instant().plus(config.safetyPoll());
    store.release(
        lease,
        r -> {
          r.progressPhase = phase;
          r.nextAttemptAt = next;
        });
  }

  private static Comparison.Listener listener(
      java.util.function.Consumer<String> entity, Runnable count, Runnable checkpoint) {
    return Comparison.Listener.of(
        entity,
        () -> {
          count.run();
          checkpoint.run();
        });
  }

  /** A tenant asked to cancel the restore while it ran. */
  static final class Cancelled extends RuntimeException {
    final String details;

    Cancelled(String details) {
      super("cancelled");
      this.details = details;
    }
  }

  /**
   * About once a second: writes the progress under the lease (fenced: a run taken over fails here
   * with {@link RunStore.LostClaimException}), appends the refusals to the error log, stores the
   * counts, and stops the restore when a tenant asked to cancel it.
   */
  private final class Checkpoint implements Runnable {
    private final Run run;
    private final ProgressCheckpoint checkpoint;
    private final RestoreProgress progress;
    private final OpenedSource source;
    private final RestoreCounts counts;
    private RestoreApplier applier;

    Checkpoint(
        Run run, RunLease lease, RestoreProgress progress, OpenedSource source, RestoreCounts c) {
      this.run = run;
      this.checkpoint = new ProgressCheckpoint(store, lease, true);
      this.progress = progress;
      this.source = source;
      this.counts = c;
    }

    @Override
    public void run() {
      if (!checkpoint.due()) {
        return;
      }
      if (applier != null) {
        restores.errors(run.id, applier.drainErrors());
        restores.save(run.id, counts);
      }
      String details = progress.json(source.stats());
      if (checkpoint.write(
          new ProgressCheckpoint.Progress(
              progress.percent(),
              progress.phase(),
              progress.done(),
              progress.total(),
              progress.eta(clock.instant()),
              details))) {
        throw new Cancelled(details);
      }
    }
  }
}
