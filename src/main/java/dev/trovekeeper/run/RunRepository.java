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
   * skipping rows another replica is claiming right now.
   */
  @SuppressWarnings("unchecked")
  List<Long> lockRunnable(Instant now, int limit) {
    LocalDateTime at = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
    List<Number> ids =
        getEntityManager()
            .createNativeQuery(
                "SELECT id FROM runs WHERE state IN ('PENDING', 'REQUESTED', 'RUNNING')"
                    + " AND (next_attempt_at IS NULL OR next_attempt_at <= ?1)"
                    + " AND (claim_expires_at IS NULL OR claim_expires_at <= ?1)"
                    + " ORDER BY next_attempt_at, id LIMIT ?2 FOR UPDATE SKIP LOCKED")
            .setParameter(1, at)
            .setParameter(2, limit)
            .getResultList();
    return ids.stream().map(Number::longValue).toList();
  }

  /** Runs that hold a slot of the concurrency limits: started and not final. */
  long countStarted() {
    return count("startedAt is not null and state in ?1", startedStates());
  }

  long countStartedInProject(String projectId) {
    return count(
        "startedAt is not null and state in ?1 and projectId = ?2", startedStates(), projectId);
  }

  long countStartedForTarget(long targetId, long exceptRunId) {
    return count(
        "startedAt is not null and state in ?1 and targetId = ?2 and id <> ?3",
        startedStates(),
        targetId,
        exceptRunId);
  }

  private static List<RunState> startedStates() {
    return List.of(RunState.PENDING, RunState.REQUESTED, RunState.RUNNING);
  }

  /** Recent finished runs of a target, newest first, for duration estimates. */
  List<Run> recentSucceeded(long targetId, int limit) {
    return find(
            "targetId = ?1 and state = ?2 and startedAt is not null order by finishedAt desc",
            targetId,
            RunState.SUCCEEDED)
        .page(0, limit)
        .list();
  }

  /** The run tenants know by this public id. */
  public java.util.Optional<Run> findByPublicId(String publicId) {
    return find("publicId", publicId).firstResultOptional();
  }
}
