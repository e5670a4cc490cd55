package dev.trovekeeper.run;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** Runs, and the lease-based claim of runnable ones shared by all replicas. */
@ApplicationScoped
public class RunRepository implements PanacheRepository<Run> {

  static final List<RunState> ACTIVE = List.of(RunState.REQUESTED, RunState.RUNNING);

  public boolean existsForSlot(long targetId, Instant slot) {
    return count("targetId = ?1 and slotAt = ?2", targetId, slot) > 0;
  }

  /**
   * Locks runnable runs (not final, due, lease free or expired) for the current transaction,
   * skipping rows another replica is claiming right now. Order: work a person waits for first
   * (restores, migrations, manual and before-restore backups), then scheduled work; within each,
   * the projects take turns (each project's oldest due run, then each one's second, ...), so one
   * project with a thousand due runs does not starve the others.
   */
  @SuppressWarnings("unchecked")
  List<Long> lockRunnable(Instant now, int limit) {
    LocalDateTime at = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
    List<Number> ids =
        getEntityManager()
            .createNativeQuery(
                "SELECT r.id FROM runs r JOIN ("
                    + "SELECT id, priority, ROW_NUMBER() OVER ("
                    + "PARTITION BY project_id, priority ORDER BY next_attempt_at, id) AS turn"
                    + " FROM (SELECT id, project_id, next_attempt_at, "
                    + PRIORITY
                    + " AS priority"
                    + " FROM runs WHERE state IN ('PENDING', 'REQUESTED', 'RUNNING')"
                    + " AND (next_attempt_at IS NULL OR next_attempt_at <= ?1)"
                    + " AND (claim_expires_at IS NULL OR claim_expires_at <= ?1)) due"
                    + ") q ON q.id = r.id"
                    + " ORDER BY q.priority, q.turn, r.next_attempt_at, r.id"
                    + " LIMIT ?2 FOR UPDATE SKIP LOCKED")
            .setParameter(1, at)
            .setParameter(2, limit)
            .getResultList();
    return ids.stream().map(Number::longValue).toList();
  }

  /** 0 for work someone is waiting for, 1 for scheduled work. */
  private static final String PRIORITY =
      "CASE WHEN operation IN ('RESTORE', 'MIGRATE')"
          + " OR run_trigger IN ('MANUAL', 'BEFORE_RESTORE') THEN 0 ELSE 1 END";

  /**
   * Runs that hold a slot of the concurrency limits: started, not final, and not held by a lease
   * that ran out (a crashed replica's runs wait for takeover and must not block the others).
   */
  long countStarted(Instant now) {
    return count(
        "startedAt is not null and state in ?1 and (claimExpiresAt is null or claimExpiresAt > ?2)",
        startedStates(),
        now);
  }

  long countStartedInProject(String projectId, Instant now) {
    return count(
        "startedAt is not null and state in ?1 and projectId = ?2"
            + " and (claimExpiresAt is null or claimExpiresAt > ?3)",
        startedStates(),
        projectId,
        now);
  }

  long countStartedForTarget(long targetId, long exceptRunId) {
    return count(
        "startedAt is not null and state in ?1 and targetId = ?2 and id <> ?3",
        startedStates(),
        targetId,
        exceptRunId);
  }

  /** Runs of later schedule slots of the target that have not asked Trove for a backup yet. */
  long countNewerWaitingSlots(long targetId, Instant slot) {
    return count(
        "targetId = ?1 and slotAt > ?2 and state = ?3 and externalBackupId is null",
        targetId,
        slot,
        RunState.PENDING);
  }

  private static List<RunState> startedStates() {
    return List.of(RunState.PENDING, RunState.REQUESTED, RunState.RUNNING);
  }

  /** Recent finished runs of a target, newest first, for duration estimates. */
  List<Run> recentSucceeded(long targetId, int limit) {
    return find(
            "targetId = ?1 and state = ?2 and startedAt is not null and operation = ?3"
                + " order by finishedAt desc",
            targetId,
            RunState.SUCCEEDED,
            Operation.BACKUP)
        .page(0, limit)
        .list();
  }

  /** The run tenants know by this public id. */
  public java.util.Optional<Run> findByPublicId(String publicId) {
    return find("publicId", publicId).firstResultOptional();
  }
}
