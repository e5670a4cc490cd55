package dev.trovekeeper.schedule;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
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
   * Locks up to {@code limit} due schedules for the current transaction, skipping rows another
   * replica holds: each due schedule is fired by exactly one replica.
   */
  @SuppressWarnings("unchecked")
  public List<Long> lockDue(Instant now, int limit) {
    List<Number> ids =
        getEntityManager()
            .createNativeQuery(
                "SELECT id FROM schedules WHERE enabled = TRUE AND next_fire_at <= ?1"
                    + " ORDER BY next_fire_at LIMIT ?2 FOR UPDATE SKIP LOCKED")
            .setParameter(1, LocalDateTime.ofInstant(now, ZoneOffset.UTC))
            .setParameter(2, limit)
            .getResultList();
    return ids.stream().map(Number::longValue).toList();
  }
}
