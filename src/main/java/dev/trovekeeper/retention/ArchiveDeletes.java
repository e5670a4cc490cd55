package dev.trovekeeper.retention;

import dev.trovekeeper.archive.ArchiveId;
import dev.trovekeeper.archive.ArchiveRemover;
import dev.trovekeeper.archive.InvalidArchiveIdException;
import dev.trovekeeper.inventory.Target;
import dev.trovekeeper.inventory.TargetKind;
import dev.trovekeeper.run.Artifact;
import dev.trovekeeper.run.RunService;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Deletes a dataset's DELETING backups from the object store: {@link ArchiveRemover} takes the
 * manifest first, then the parts, then the media references; only then is the backup marked DELETED
 * with its {@code backup.pruned}. A crash anywhere leaves the backup DELETING, and the next pass
 * repeats every step (each is idempotent). Archives have no chains: each goes on its own.
 */
@ApplicationScoped
class ArchiveDeletes implements BackupDeletes {

  private final RunService runs;
  private final DeletionTracker tracker;
  private final ArchiveRemover remover;

  ArchiveDeletes(RunService runs, DeletionTracker tracker, ArchiveRemover remover) {
    this.runs = runs;
    this.tracker = tracker;
    this.remover = remover;
  }

  @Override
  public TargetKind kind() {
    return TargetKind.DATASET;
  }

  @Override
  public Pass progress(Target target) {
    int removed = 0;
    List<String> deleted = new ArrayList<>();
    for (Artifact artifact : runs.liveArtifacts(target.id)) {
      if (!RetentionExecutor.DELETING.equals(artifact.status)) {
        continue;
      }
      try {
        remove(target, artifact);
      } catch (RuntimeException e) {
        // stays DELETING: the next pass (the sweep at the latest) tries again
        Log.infof("Dataset backup %s not deleted now: %s", artifact.externalId, e.getMessage());
        continue;
      }
      removed++;
      deleted.addAll(tracker.gone(target, artifact, List.of(artifact)));
    }
    return new Pass(removed, deleted);
  }

  private void remove(Target target, Artifact artifact) {
    Optional<ArchiveId> id = archiveOf(target, artifact);
    if (id.isEmpty()) {
      // object keys are built only from valid ids, so nothing can be stored under this one
      Log.warnf(
          "Dataset backup %s of target %d has no valid archive id: nothing to delete in the store",
          artifact.externalId, target.id);
      return;
    }
    ArchiveRemover.Removal removal = remover.remove(id.get());
    Log.infof(
        "Dataset backup %s deleted from the object store: manifest, %d other objects,"
            + " %d media references released",
        artifact.externalId, removal.objects(), removal.references());
  }

  private static Optional<ArchiveId> archiveOf(Target target, Artifact artifact) {
    try {
      return Optional.of(ArchiveId.of(target.projectId, target.externalId, artifact.externalId));
    } catch (InvalidArchiveIdException e) {
      return Optional.empty();
    }
  }
}
