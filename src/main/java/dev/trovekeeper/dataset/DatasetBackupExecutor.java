package dev.trovekeeper.dataset;

import dev.trovekeeper.archive.ArchiveId;
import dev.trovekeeper.archive.ArchiveKeys;
import dev.trovekeeper.archive.ArchiveReader;
import dev.trovekeeper.archive.ArchiveSettings;
import dev.trovekeeper.archive.Manifest;
import dev.trovekeeper.archive.MediaStore;
import dev.trovekeeper.archive.Origin;
import dev.trovekeeper.inventory.Target;
import dev.trovekeeper.inventory.TargetKind;
import dev.trovekeeper.run.Admission;
import dev.trovekeeper.run.Operation;
import dev.trovekeeper.run.ProgressCheckpoint;
import dev.trovekeeper.run.Run;
import dev.trovekeeper.run.RunExecutor;
import dev.trovekeeper.run.RunLease;
import dev.trovekeeper.run.RunOutcomes;
import dev.trovekeeper.run.RunStore;
import dev.trovekeeper.run.RunTrigger;
import dev.trovekeeper.run.StoredArtifact;
import dev.trovekeeper.run.SupersededSlots;
import dev.trovekeeper.source.InvalidSourceConfigException;
import dev.trovekeeper.source.SourceException;
import dev.trovekeeper.source.SourceUnauthorized;
import dev.trovekeeper.storage.ObjectStore;
import dev.trovekeeper.storage.StorageException;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * One step of a dataset backup run, which is the whole backup: admit under the same limits as a
 * Trove backup, count the attempt, read the source into an archive whose id is the run's public id
 * (a resumed or taken-over run rewrites the same archive), write the manifest, then record the
 * artifact COMPLETED and end the run SUCCEEDED. Progress is reported about once a second under the
 * lease (a fenced update; the lease is renewed while the step lasts). Without a manifest nothing is
 * a backup: every other ending deletes the archive's parts, except a takeover, whose new owner
 * deletes them when it starts the same archive again.
 */
@ApplicationScoped
public class DatasetBackupExecutor implements RunExecutor {

  private final RunStore store;
  private final Admission admission;
  private final RunOutcomes outcomes;
  private final DatasetRepository datasets;
  private final DatasetSources sources;
  private final DatasetSuspension suspension;
  private final ObjectStore objects;
  private final ArchiveSettings settings;
  private final MediaStore mediaStore;
  private final Clock clock;
  private final SupersededSlots slots;

  DatasetBackupExecutor(
      RunStore store,
      Admission admission,
      RunOutcomes outcomes,
      DatasetRepository datasets,
      DatasetSources sources,
      DatasetSuspension suspension,
      ObjectStore objects,
      ArchiveSettings settings,
      MediaStore mediaStore,
      Clock clock,
      SupersededSlots slots) {
    this.store = store;
    this.admission = admission;
    this.outcomes = outcomes;
    this.datasets = datasets;
    this.sources = sources;
    this.suspension = suspension;
    this.objects = objects;
    this.settings = settings;
    this.mediaStore = mediaStore;
    this.clock = clock;
    this.slots = slots;
  }

  @Override
  public boolean handles(TargetKind kind, Operation operation) {
    return kind == TargetKind.DATASET && operation == Operation.BACKUP;
  }

  /** Backs the dataset up in this one step and releases the run with its outcome. */
  @Override
  public void step(Run run, Target target, RunLease lease) {
    Dataset dataset = dataset(target.id);
    if (dataset == null) {
      outcomes.fail(run, lease, "DATASET_MISSING", "the dataset's source is not registered");
      return;
    }
    if (!dataset.active) {
      outcomes.skip(run, lease, "DATASET_SUSPENDED", "the dataset is suspended");
      return;
    }
    ArchiveId id =
        new ArchiveId(
            target.projectId, UUID.fromString(target.externalId), UUID.fromString(run.publicId));
    if (run.cancelRequestedAt != null) {
      cancel(run, lease, id, null);
      return;
    }
    if (slots.skipIfSuperseded(run, target, lease)) {
      return;
    }
    if (!admission.tryAdmit(run.id)) {
      outcomes.waitForSlot(run, lease);
      return;
    }
    Run attempt = outcomes.startWork(lease, "reading source");
    if (objects.exists(ArchiveKeys.manifest(id))) {
      // a crash after the manifest but before the artifact: the backup is complete, record it
      Manifest manifest = ArchiveReader.open(objects, settings, id).manifest();
      outcomes.stored(attempt, lease, artifact(id, manifest), null);
      return;
    }
    backUp(attempt, target, dataset, lease, id);
  }

  private void backUp(Run run, Target target, Dataset dataset, RunLease lease, ArchiveId id) {
    OpenedSource source;
    try {
      source = sources.open(dataset);
    } catch (InvalidSourceConfigException e) {
      outcomes.fail(run, lease, "SOURCE_CONFIG_INVALID", e.getMessage());
      return;
    } catch (CredentialsUnreadableException e) {
      outcomes.fail(run, lease, "CREDENTIALS_UNREADABLE", e.getMessage());
      return;
    }
    Instant startedAt = clock.instant();
    BackupProgress progress = new BackupProgress(startedAt);
    Checkpoint checkpoint = new Checkpoint(lease, progress, source);
    ArchiveSink sink =
        new ArchiveSink(
            objects,
            settings,
            clock,
            id,
            origin(run.trigger),
            mediaStore,
            source,
            progress,
            checkpoint);
    Manifest manifest;
    try {
      source.read(sink);
      manifest = sink.finish();
    } catch (RunStore.LostClaimException | ArchiveSink.ReadInterrupted | InterruptedException e) {
      // taken over (or stopped before the lease ran out): the new owner rewrites this archive
      sink.abandon();
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw e instanceof RuntimeException r ? r : new ArchiveSink.ReadInterrupted();
    } catch (Cancelled e) {
      sink.close();
      cancel(run, lease, id, progress.json(source.stats()));
      return;
    } catch (SourceUnauthorized e) {
      ended(sink, id);
      suspension.suspend(target.id, "SOURCE_UNAUTHORIZED", e.getMessage(), "source");
      outcomes.fail(run, lease, "SOURCE_UNAUTHORIZED", e.getMessage());
      return;
    } catch (InvalidSourceConfigException e) {
      ended(sink, id);
      outcomes.fail(run, lease, "SOURCE_CONFIG_INVALID", e.getMessage());
      return;
    } catch (SourceException e) {
      ended(sink, id);
      if (e.transientFailure()) {
        outcomes.retryLater(run, lease, "SOURCE_UNAVAILABLE", e.getMessage());
      } else {
        outcomes.fail(run, lease, "SOURCE_ERROR", e.getMessage());
      }
      return;
    } catch (StorageException e) {
      ended(sink, id);
      if (e.isTransient()) {
        outcomes.retryLater(run, lease, "STORAGE_UNAVAILABLE", e.getMessage());
      } else {
        outcomes.fail(run, lease, "STORAGE_ERROR", e.getMessage());
      }
      return;
    } catch (RuntimeException e) {
      ended(sink, id);
      throw e; // counted as a step failure by the worker (bounded)
    }
    Log.infof(
        "Dataset %s backed up: %d records, %d media bytes uploaded, archive %s",
        id.datasetId(), manifest.records(), progress.mediaBytesUploaded(), id.backupId());
    outcomes.stored(run, lease, artifact(id, manifest), progress.json(source.stats()));
  }

  /** The attempt ended without a backup: its parts go, its media references too. */
  private void ended(ArchiveSink sink, ArchiveId id) {
    sink.close();
    releaseMedia(id);
  }

  private void cancel(Run run, RunLease lease, ArchiveId id, String details) {
    releaseMedia(id);
    outcomes.cancelled(run, lease, details);
  }

  private void releaseMedia(ArchiveId id) {
    try {
      mediaStore.release(id.backupId());
    } catch (RuntimeException e) {
      // harmless: media GC only collects media no manifest references
      Log.warnf("Could not release the media references of %s: %s", id.backupId(), e.toString());
    }
  }

  private static StoredArtifact artifact(ArchiveId id, Manifest manifest) {
    long media = manifest.media().stream().mapToLong(Manifest.Media::size).sum();
    return new StoredArtifact(
        id.backupId().toString(),
        ArchiveKeys.manifest(id).value(),
        manifest.storedBytes() + media,
        manifest.startedAt());
  }

  static Origin origin(RunTrigger trigger) {
    return switch (trigger) {
      case MANUAL -> Origin.MANUAL;
      case BEFORE_RESTORE -> Origin.BEFORE_RESTORE;
      default -> Origin.AUTO;
    };
  }

  private Dataset dataset(long targetId) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              Dataset dataset = datasets.findById(targetId);
              if (dataset != null) {
                datasets.getEntityManager().detach(dataset);
              }
              return dataset;
            });
  }

  /** A tenant asked to cancel the run while it was reading. */
  static final class Cancelled extends RuntimeException {
    Cancelled() {
      super("cancelled");
    }
  }

  /**
   * Writes the progress under the lease about once a second (a fenced update: a run taken over
   * fails here with {@link RunStore.LostClaimException}) and stops the read when a tenant asked to
   * cancel.
   */
  private final class Checkpoint implements Runnable {
    private final ProgressCheckpoint checkpoint;
    private final BackupProgress progress;
    private final OpenedSource source;

    Checkpoint(RunLease lease, BackupProgress progress, OpenedSource source) {
      this.checkpoint = new ProgressCheckpoint(store, lease, true);
      this.progress = progress;
      this.source = source;
    }

    @Override
    public void run() {
      if (!checkpoint.due()) {
        return;
      }
      if (Thread.interrupted()) {
        throw new ArchiveSink.ReadInterrupted();
      }
      String entity = progress.entity();
      if (checkpoint.write(
          new ProgressCheckpoint.Progress(
              progress.percent(),
              entity == null ? "reading source" : "reading " + entity,
              progress.records(),
              progress.recordsTotal(),
              progress.eta(clock.instant()),
              progress.json(source.stats())))) {
        throw new Cancelled();
      }
    }
  }
}
