package dev.trovekeeper.schedule;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** Schedules, and the claim of due ones that lets replicas share the work. */
@ApplicationScoped
public class ScheduleRepository implements PanacheRepository<Schedule> {

  public Optional<Schedule> findByTarget(long targetId) {
    return find("targetId", targetId).firstResultOptional();
  }

  /**
   * The target's schedule, locked for the current transaction and read as last committed: a change
   * made here then waits for the schedule engine's firing of the same row instead of failing on its
   * version at commit.
   */
  public Optional<Schedule> findByTargetForUpdate(long targetId) {
    return find("targetId", targetId)
        .withLock(LockModeType.PESSIMISTIC_WRITE)
        .firstResultOptional();
  }

  /**
   * The claim: due schedules in due order, through {@code ix_schedules_due (enabled, next_fire_at)}
   * (a range up to now, stopped at the limit; ClaimQueryPlanTest checks the plan, the capacity
   * benchmark measures it).
   */
  public static final String CLAIM_SQL =
      "SELECT id FROM schedules WHERE enabled = TRUE AND state = 'ACTIVE'"
          + " AND next_fire_at <= ?1"
          + " ORDER BY next_fire_at LIMIT ?2 FOR UPDATE SKIP LOCKED";

  /**
   * Locks up to {@code limit} due schedules for the current transaction, skipping rows another
   * replica holds: each due schedule is fired by exactly one replica.
   */
  @SuppressWarnings("unchecked")
  public List<Long> lockDue(Instant now, int limit) {
    List<Number> ids =
        getEntityManager()
            .createNativeQuery(CLAIM_SQL)
            .setParameter(1, LocalDateTime.ofInstant(now, ZoneOffset.UTC))
            .setParameter(2, limit)
            .getResultList();
    return ids.stream().map(Number::longValue).toList();
  }

  /**
   * Lets the current transaction send its schedule updates to the database in JDBC batches of
   * {@code size} (the schedule engine changes a whole claimed batch of rows), instead of one round
   * trip per row at commit.
   */
  void batchUpdates(int size) {
    getEntityManager().unwrap(org.hibernate.Session.class).setJdbcBatchSize(Math.max(1, size));
  }

  /** Locks one schedule if it is still due and active (not fired by another replica meanwhile). */
  public boolean lockIfDue(long id, Instant now) {
    return !getEntityManager()
        .createNativeQuery(
            "SELECT id FROM schedules WHERE id = ?1 AND enabled = TRUE AND state = 'ACTIVE'"
                + " AND next_fire_at <= ?2 FOR UPDATE SKIP LOCKED")
        .setParameter(1, id)
        .setParameter(2, LocalDateTime.ofInstant(now, ZoneOffset.UTC))
        .getResultList()
        .isEmpty();
  }

  /** Quarantined schedules, newest first, for the operator queue. */
  public List<Schedule> quarantined(int limit) {
    return find("state = ?1 order by quarantinedAt desc", Schedule.QUARANTINED)
        .page(0, limit)
        .list();
  }
}
