package dev.trovekeeper.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reports each RPO breach once. The {@code rpo_breaches} row is the marker: the replica whose
 * insert changed a row emits {@code rpo.breached} in the same transaction; the others change
 * nothing. The insert re-checks for a backup inside the RPO, so a replica working from an older
 * snapshot cannot re-open a breach another one has just cleared. A marker is deleted once the
 * target is back within its RPO (a newer backup succeeded, or the RPO target was relaxed).
 */
@ApplicationScoped
public class RpoMonitor {

  private static final String OPEN_BREACH =
      """
      INSERT IGNORE INTO rpo_breaches
        (target_id, breached_at, recovery_point_at, rpo_target_minutes)
      SELECT :target, :now, :recoveryPoint, :rpo FROM DUAL
      WHERE NOT EXISTS (SELECT 1 FROM artifacts WHERE target_id = :target
                        AND status = 'COMPLETED' AND created_at > :cutoff)
      """;

  private final EntityManager em;
  private final EventService events;

  RpoMonitor(EntityManager em, EventService events) {
    this.em = em;
    this.events = events;
  }

  /**
   * Opens (and reports) new breaches and clears recovered ones among {@code points}.
   *
   * @return how many breaches this call reported
   */
  @Transactional
  public int check(List<RecoveryPoint> points, Instant now) {
    List<Long> recovered =
        points.stream()
            .filter(p -> p.breachOpen() && !p.breached(now))
            .map(p -> p.targetId())
            .toList();
    if (!recovered.isEmpty()) {
      em.createNativeQuery("DELETE FROM rpo_breaches WHERE target_id IN (:ids)")
          .setParameter("ids", recovered)
          .executeUpdate();
    }
    int reported = 0;
    for (RecoveryPoint p : points) {
      if (!p.breachOpen() && p.breached(now) && open(p, now)) {
        events.record(
            EventTypes.RPO_BREACHED,
            EventTypes.targetSubject(p.targetId()),
            p.projectId(),
            data(p, now));
        reported++;
      }
    }
    return reported;
  }

  private boolean open(RecoveryPoint p, Instant now) {
    return em.createNativeQuery(OPEN_BREACH)
            .setParameter("target", p.targetId())
            .setParameter("now", now)
            .setParameter("recoveryPoint", p.lastSuccessAt())
            .setParameter("rpo", p.rpoTargetMinutes())
            .setParameter("cutoff", now.minusSeconds(60L * p.rpoTargetMinutes()))
            .executeUpdate()
        == 1;
  }

  private static Map<String, Object> data(RecoveryPoint p, Instant now) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("targetId", p.targetId());
    data.put(EventTypes.publicIdField(p.kind()), p.externalId());
    data.put("projectId", p.projectId());
    data.put("kind", p.kind());
    data.put("rpoTargetMinutes", p.rpoTargetMinutes());
    if (p.lastSuccessAt() != null) {
      data.put("recoveryPointAt", p.lastSuccessAt().toString());
    }
    data.put("ageSeconds", p.age(now).toSeconds());
    return data;
  }
}
