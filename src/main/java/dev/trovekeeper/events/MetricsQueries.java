package dev.trovekeeper.events;

import dev.trovekeeper.protection.ProtectionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hibernate.query.NativeQuery;
import org.hibernate.type.StandardBasicTypes;

/**
 * The reads behind the metrics: each live target's protection (the one definition in {@code
 * protection}), one row of fleet counts.
 */
@ApplicationScoped
public class MetricsQueries {

  private static final String COUNTS =
      """
      SELECT (SELECT COUNT(*) FROM runs WHERE state = 'PENDING'
                AND (next_attempt_at IS NULL OR next_attempt_at <= :now)) AS queued,
             (SELECT COUNT(*) FROM runs WHERE state IN ('REQUESTED', 'RUNNING')) AS active,
             (SELECT COUNT(*) FROM outbox_events WHERE published_at IS NULL) AS pending
      """;

  private final EntityManager em;
  private final ProtectionRepository protection;

  MetricsQueries(EntityManager em, ProtectionRepository protection) {
    this.em = em;
    this.protection = protection;
  }

  /** Every live target (not deleted or vanished) with its protection facts and open breach. */
  @Transactional
  @SuppressWarnings("unchecked")
  public List<RecoveryPoint> recoveryPoints() {
    Set<Long> open =
        new HashSet<>(
            ((List<Number>)
                    em.createNativeQuery("SELECT target_id FROM rpo_breaches").getResultList())
                .stream().map(Number::longValue).toList());
    return protection.liveTargets().stream()
        .map(f -> new RecoveryPoint(f, open.contains(f.targetId())))
        .toList();
  }

  /** Run queue depth, active runs and unpublished events as of {@code now}. */
  @Transactional
  public FleetCounts counts(Instant now) {
    Object[] row =
        (Object[])
            em.createNativeQuery(COUNTS)
                .unwrap(NativeQuery.class)
                .setParameter("now", now)
                .addScalar("queued", StandardBasicTypes.LONG)
                .addScalar("active", StandardBasicTypes.LONG)
                .addScalar("pending", StandardBasicTypes.LONG)
                .getSingleResult();
    return new FleetCounts((Long) row[0], (Long) row[1], (Long) row[2]);
  }
}
