package dev.trovekeeper.operator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.hibernate.query.NativeQuery;
import org.hibernate.type.StandardBasicTypes;

/** The run queue in two aggregate queries: the counts, and the most recent failures. */
@ApplicationScoped
public class QueueService {

  static final int RECENT_FAILURES = 50;

  private static final String COUNTS =
      """
      SELECT
        COALESCE(SUM(state = 'PENDING' AND (next_attempt_at IS NULL OR next_attempt_at <= :now)), 0)
          AS queued,
        COALESCE(SUM(state = 'PENDING' AND started_at IS NULL
                     AND (next_attempt_at IS NULL OR next_attempt_at <= :now)), 0) AS waiting,
        COALESCE(SUM(state = 'PENDING' AND next_attempt_at > :now), 0) AS later,
        COALESCE(SUM(started_at IS NOT NULL), 0) AS active
      FROM runs WHERE state IN ('PENDING', 'REQUESTED', 'RUNNING')
      """;

  private static final String FAILURES =
      """
      SELECT r.public_id, r.project_id, t.external_id, t.name, r.run_trigger, r.attempts,
             r.reason_code, r.reason, r.finished_at
      FROM runs r JOIN targets t ON t.id = r.target_id
      WHERE r.state = :state
      ORDER BY r.id DESC LIMIT %d
      """
          .formatted(RECENT_FAILURES);

  private static final String QUARANTINED =
      """
      SELECT t.project_id, t.external_id, s.quarantine_reason, s.quarantined_at
      FROM schedules s JOIN targets t ON t.id = s.target_id
      WHERE s.state = 'QUARANTINED'
      ORDER BY s.quarantined_at DESC LIMIT %d
      """
          .formatted(RECENT_FAILURES);

  private final EntityManager em;
  private final PauseService pauses;
  private final Clock clock;

  QueueService(EntityManager em, PauseService pauses, Clock clock) {
    this.em = em;
    this.pauses = pauses;
    this.clock = clock;
  }

  @Transactional
  @SuppressWarnings("unchecked")
  public QueueReport report() {
    Instant now = clock.instant();
    Object[] counts =
        (Object[])
            em.createNativeQuery(COUNTS)
                .unwrap(NativeQuery.class)
                .setParameter("now", now)
                .addScalar("queued", StandardBasicTypes.LONG)
                .addScalar("waiting", StandardBasicTypes.LONG)
                .addScalar("later", StandardBasicTypes.LONG)
                .addScalar("active", StandardBasicTypes.LONG)
                .getSingleResult();
    return new QueueReport(
        now,
        pauses.fleet().paused(),
        (Long) counts[0],
        (Long) counts[1],
        (Long) counts[2],
        (Long) counts[3],
        ended("FAILED"),
        ended("SKIPPED"),
        quarantined());
  }

  @SuppressWarnings("unchecked")
  private List<QueueReport.FailedRun> ended(String state) {
    List<Object[]> rows =
        em.createNativeQuery(FAILURES)
            .unwrap(NativeQuery.class)
            .setParameter("state", state)
            .addScalar("public_id", StandardBasicTypes.STRING)
            .addScalar("project_id", StandardBasicTypes.STRING)
            .addScalar("external_id", StandardBasicTypes.STRING)
            .addScalar("name", StandardBasicTypes.STRING)
            .addScalar("run_trigger", StandardBasicTypes.STRING)
            .addScalar("attempts", StandardBasicTypes.INTEGER)
            .addScalar("reason_code", StandardBasicTypes.STRING)
            .addScalar("reason", StandardBasicTypes.STRING)
            .addScalar("finished_at", StandardBasicTypes.INSTANT)
            .getResultList();
    return rows.stream()
        .map(
            r ->
                new QueueReport.FailedRun(
                    (String) r[0],
                    (String) r[1],
                    (String) r[2],
                    (String) r[3],
                    (String) r[4],
                    (Integer) r[5],
                    (String) r[6],
                    (String) r[7],
                    (Instant) r[8]))
        .toList();
  }

  @SuppressWarnings("unchecked")
  private List<QueueReport.QuarantinedSchedule> quarantined() {
    List<Object[]> rows =
        em.createNativeQuery(QUARANTINED)
            .unwrap(NativeQuery.class)
            .addScalar("project_id", StandardBasicTypes.STRING)
            .addScalar("external_id", StandardBasicTypes.STRING)
            .addScalar("quarantine_reason", StandardBasicTypes.STRING)
            .addScalar("quarantined_at", StandardBasicTypes.INSTANT)
            .getResultList();
    return rows.stream()
        .map(
            r ->
                new QueueReport.QuarantinedSchedule(
                    (String) r[0], (String) r[1], (String) r[2], (Instant) r[3]))
        .toList();
  }
}
