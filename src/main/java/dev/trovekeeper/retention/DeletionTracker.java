package dev.trovekeeper.retention;

import dev.trovekeeper.events.EventService;
import dev.trovekeeper.events.EventTypes;
import dev.trovekeeper.inventory.Target;
import dev.trovekeeper.run.Artifact;
import dev.trovekeeper.run.RunService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The bookkeeping of a delete, each step one transaction: decided (artifact DELETING, a pending
 * row), accepted by Trove (requested_at), confirmed gone (DELETED with one {@code backup.pruned}
 * per backup, cascaded children included) or DELETE_FAILED.
 */
@ApplicationScoped
public class DeletionTracker {

  static final String OWNER_CONFIRMED = "OWNER_CONFIRMED";
  static final String QUOTA_PRESSURE = "QUOTA_PRESSURE";

  private final RunService runs;
  private final PendingDeletionRepository pending;
  private final EventService events;
  private final Clock clock;

  DeletionTracker(
      RunService runs, PendingDeletionRepository pending, EventService events, Clock clock) {
    this.runs = runs;
    this.pending = pending;
    this.events = events;
    this.clock = clock;
  }

  /**
   * One backup to delete and why; {@code cascadedFrom} names the ancestor whose DELETE takes it.
   */
  record Mark(Artifact artifact, String reason, String cascadedFrom) {}

  /** Marks backups DELETING; the DELETE is sent afterwards. */
  @Transactional
  public void decided(long targetId, List<Mark> marks) {
    Instant now = clock.instant();
    for (Mark mark : marks) {
      runs.artifactsDeleted(targetId, List.of(mark.artifact().externalId), "DELETING");
      PendingDeletion row = pending.findById(mark.artifact().id);
      boolean added = row == null;
      if (added) {
        row = new PendingDeletion();
        row.artifactId = mark.artifact().id;
        row.targetId = targetId;
        row.createdAt = now;
      }
      row.reason = mark.reason();
      row.cascadedFrom = mark.cascadedFrom();
      row.requestedAt = null;
      if (added) {
        pending.persist(row); // Hibernate inserts the state as of persist: set every field first
      }
    }
  }

  /** The in-flight deletes of a target by artifact id. */
  @Transactional
  public Map<Long, PendingDeletion> pendingOf(long targetId) {
    Map<Long, PendingDeletion> byArtifact = new HashMap<>();
    for (PendingDeletion row : pending.forTarget(targetId)) {
      pending.getEntityManager().detach(row);
      byArtifact.put(row.artifactId, row);
    }
    return byArtifact;
  }

  /** Targets with a delete Trove accepted and has not confirmed yet. */
  @Transactional
  public List<Long> targetsAwaitingConfirmation() {
    return pending.targetsAwaitingConfirmation();
  }

  /** Trove accepted the DELETE of {@code root}, which also takes {@code subtree} with it. */
  @Transactional
  public void requested(long targetId, Artifact root, List<Artifact> subtree, String reason) {
    Instant now = clock.instant();
    for (Artifact artifact : subtree) {
      PendingDeletion row = pending.findById(artifact.id);
      if (row == null) {
        row = new PendingDeletion();
        row.artifactId = artifact.id;
        row.targetId = targetId;
        row.reason =
            artifact.externalId.equals(root.externalId)
                ? reason
                : DeleteReason.PARENT_DELETED.name();
        row.cascadedFrom = artifact.externalId.equals(root.externalId) ? null : root.externalId;
        row.createdAt = now;
        pending.persist(row);
      }
      row.requestedAt = now;
    }
  }

  /**
   * Trove confirmed {@code root} gone, and with it {@code subtree} (root first): marks them DELETED
   * and records one {@code backup.pruned} for each backup not already DELETED.
   *
   * @return the backups this call marked DELETED
   */
  @Transactional
  public List<String> gone(Target target, Artifact root, List<Artifact> subtree) {
    Map<String, Artifact> byExternalId = new HashMap<>();
    subtree.forEach(a -> byExternalId.put(a.externalId, a));
    List<String> changed = runs.markDeleted(target.id, new ArrayList<>(byExternalId.keySet()));
    for (String externalId : changed) {
      Artifact artifact = byExternalId.get(externalId);
      PendingDeletion row = pending.findById(artifact.id);
      String reason =
          row != null
              ? row.reason
              : artifact.externalId.equals(root.externalId)
                  ? OWNER_CONFIRMED
                  : DeleteReason.PARENT_DELETED.name();
      Map<String, Object> data = new HashMap<>();
      data.put("targetId", target.id);
      data.put(EventTypes.publicIdField(target.kind.name()), target.externalId);
      data.put("backupId", externalId);
      data.put("reason", reason);
      if (!artifact.externalId.equals(root.externalId)) {
        data.put("deletedWith", root.externalId);
      }
      events.record(
          EventTypes.BACKUP_PRUNED, EventTypes.targetSubject(target.id), target.projectId, data);
    }
    subtree.forEach(a -> pending.deleteById(a.id));
    return changed;
  }

  /** Trove could not delete {@code root}: DELETE_FAILED, decided again by the next pass. */
  @Transactional
  public void failed(long targetId, Artifact root) {
    runs.artifactsDeleted(targetId, List.of(root.externalId), "DELETE_FAILED");
    pending.deleteById(root.id);
  }
}
