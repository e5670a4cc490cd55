package dev.trovekeeper.retention;

import dev.trovekeeper.inventory.Target;
import dev.trovekeeper.inventory.TargetKind;
import dev.trovekeeper.run.Artifact;
import dev.trovekeeper.run.RunService;
import dev.trovekeeper.trove.TroveBackup;
import dev.trovekeeper.trove.TroveClient;
import dev.trovekeeper.trove.TroveException;
import dev.trovekeeper.trove.TroveFault;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Moves a target's DELETING backups forward in Trove. Trove answers DELETE with 202 and deletes in
 * the background, still listing the backup for a while; so a DELETE is sent once per chain root
 * (again only after {@code delete-confirm-timeout}), and a backup counts as deleted only when Trove
 * answers 404 for it. Its incremental descendants go with it. The caller holds the target's claim.
 */
@ApplicationScoped
class TroveDeletes implements BackupDeletes {

  private final RunService runs;
  private final DeletionTracker tracker;
  private final TroveClient trove;
  private final RetentionConfig config;
  private final Clock clock;

  TroveDeletes(
      RunService runs,
      DeletionTracker tracker,
      TroveClient trove,
      RetentionConfig config,
      Clock clock) {
    this.runs = runs;
    this.tracker = tracker;
    this.trove = trove;
    this.config = config;
    this.clock = clock;
  }

  @Override
  public TargetKind kind() {
    return TargetKind.TROVE_INSTANCE;
  }

  /** Sends what is not sent yet and checks what Trove accepted. */
  @Override
  public Pass progress(Target target) {
    List<Artifact> live = runs.liveArtifacts(target.id);
    Map<String, Artifact> byExternalId = new HashMap<>();
    live.forEach(a -> byExternalId.put(a.externalId, a));
    Map<Long, PendingDeletion> pending = tracker.pendingOf(target.id);
    int accepted = 0;
    List<String> deleted = new ArrayList<>();
    for (Artifact artifact : live) {
      Artifact parent = byExternalId.get(artifact.parentExternalId);
      if (!isDeleting(artifact) || (parent != null && isDeleting(parent))) {
        continue; // not to delete, or goes with its parent's DELETE
      }
      PendingDeletion row = pending.get(artifact.id);
      List<Artifact> subtree = subtree(artifact, live);
      if (!recentlyRequested(row)) {
        String reason = row == null ? DeletionTracker.OWNER_CONFIRMED : row.reason;
        switch (send(target, artifact)) {
          case GONE -> {
            deleted.addAll(tracker.gone(target, artifact, subtree));
            continue;
          }
          case LATER -> {
            continue;
          }
          case ACCEPTED -> {
            accepted++;
            tracker.requested(target.id, artifact, subtree, reason);
          }
        }
      }
      switch (check(target, artifact)) {
        case GONE -> deleted.addAll(tracker.gone(target, artifact, subtree));
        case FAILED -> tracker.failed(target.id, artifact);
        default -> {} // Trove is still deleting it
      }
    }
    return new Pass(accepted, deleted);
  }

  private enum Outcome {
    ACCEPTED,
    GONE,
    FAILED,
    LATER
  }

  private Outcome send(Target target, Artifact artifact) {
    try {
      trove.deleteBackup(target.projectId, artifact.externalId);
      return Outcome.ACCEPTED;
    } catch (TroveException e) {
      if (e.fault() == TroveFault.NOT_FOUND) {
        return Outcome.GONE;
      }
      Log.infof(
          "Backup %s not deleted now (%s): %s", artifact.externalId, e.fault(), e.getMessage());
      return Outcome.LATER;
    }
  }

  private Outcome check(Target target, Artifact artifact) {
    try {
      TroveBackup backup = trove.getBackup(target.projectId, artifact.externalId);
      return "DELETE_FAILED".equals(backup.status()) ? Outcome.FAILED : Outcome.LATER;
    } catch (TroveException e) {
      return e.fault() == TroveFault.NOT_FOUND ? Outcome.GONE : Outcome.LATER;
    }
  }

  private boolean recentlyRequested(PendingDeletion row) {
    return row != null
        && row.requestedAt != null
        && row.requestedAt.plus(config.deleteConfirmTimeout()).isAfter(clock.instant());
  }

  private static boolean isDeleting(Artifact artifact) {
    return RetentionExecutor.DELETING.equals(artifact.status);
  }

  /** The artifact and its live descendants (Trove deletes incremental children with a parent). */
  static List<Artifact> subtree(Artifact root, List<Artifact> live) {
    List<Artifact> subtree = new ArrayList<>(List.of(root));
    for (int i = 0; i < subtree.size(); i++) {
      String parent = subtree.get(i).externalId;
      live.stream().filter(a -> parent.equals(a.parentExternalId)).forEach(subtree::add);
    }
    return subtree;
  }
}
