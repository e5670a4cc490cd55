package dev.trovekeeper.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import org.hibernate.query.NativeQuery;
import org.hibernate.type.StandardBasicTypes;

/** The aggregate reads behind the metrics: one row per live target, one row of fleet counts. */
@ApplicationScoped
public class MetricsQueries {

  private static final String RECOVERY_POINTS =
      """
      SELECT t.id, t.project_id, t.external_id, t.kind, t.created_at, a.last_success,
             CASE WHEN pt.id IS NOT NULL THEN pt.rpo_target_minutes
                  WHEN pp.id IS NOT NULL THEN pp.rpo_target_minutes
                  ELSE pg.rpo_target_minutes END AS rpo_minutes,
             b.target_id IS NOT NULL AS breach_open
      FROM targets t
      LEFT JOIN (SELECT target_id, MAX(created_at) AS last_success FROM artifacts
                 WHERE status = 'COMPLETED' GROUP BY target_id) a ON a.target_id = t.id
      LEFT JOIN policies pt ON pt.scope = 'TARGET' AND pt.target_id = t.id
      LEFT JOIN policies pp ON pp.scope = 'PROJECT' AND pp.project_id = t.project_id
      LEFT JOIN policies pg ON pg.scope = 'GLOBAL'
      LEFT JOIN rpo_breaches b ON b.target_id = t.id
      WHERE t.deleted_at IS NULL AND t.status NOT IN ('VANISHED', 'DELETED')
      """;

  private static final String COUNTS =
      """
      SELECT (SELECT COUNT(*) FROM runs WHERE state = 'PENDING'
                AND (next_attempt_at IS NULL OR next_attempt_at <= :now)) AS queued,
             (SELECT COUNT(*) FROM runs WHERE state IN ('REQUESTED', 'RUNNING')) AS active,
             (SELECT COUNT(*) FROM outbox_events WHERE published_at IS NULL) AS pending
      """;

  private final EntityManager em;

  MetricsQueries(EntityManager em) {
    this.em = em;
  }

  /** Every live target (not deleted or vanished) with its newest backup and effective RPO. */
  @Transactional
  @SuppressWarnings("unchecked")
  public List<RecoveryPoint> recoveryPoints() {
    List<Object[]> rows =
        em.createNativeQuery(RECOVERY_POINTS)
            .unwrap(NativeQuery.class)
            .addScalar("id", StandardBasicTypes.LONG)
            .addScalar("project_id", StandardBasicTypes.STRING)
            .addScalar("external_id", StandardBasicTypes.STRING)
            .addScalar("kind", StandardBasicTypes.STRING)
            .addScalar("created_at", StandardBasicTypes.INSTANT)
            .addScalar("last_success", StandardBasicTypes.INSTANT)
            .addScalar("rpo_minutes", StandardBasicTypes.INTEGER)
            .addScalar("breach_open", StandardBasicTypes.BOOLEAN)
            .getResultList();
    return rows.stream()
        .map(
            r ->
                new RecoveryPoint(
                    (Long) r[0],
                    (String) r[1],
                    (String) r[2],
                    (String) r[3],
                    (Instant) r[4],
                    (Instant) r[5],
                    (Integer) r[6],
                    (Boolean) r[7]))
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
