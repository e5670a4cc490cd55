package dev.trovekeeper.protection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.query.NativeQuery;
import org.hibernate.type.StandardBasicTypes;

/**
 * Reads protection over time from the runs and backups already kept (no history table): each method
 * is one query, whatever the number of targets or days.
 */
@ApplicationScoped
class HistoryRepository {

  /** A backup that completed: when it was taken and completed, how long its run took, its size. */
  record BackupPoint(
      Instant createdAt, Instant completedAt, Long durationSeconds, Long sizeBytes) {}

  /** Finished runs of one state on one UTC day. */
  record OutcomeCount(Instant day, String state, long count) {}

  /** Live targets at a day's end and those whose newest good backup was within their RPO. */
  record CoverageCount(Instant dayEnd, long live, long covered) {}

  private final EntityManager em;

  HistoryRepository(EntityManager em) {
    this.em = em;
  }

  /** The target's backups that completed (deleted ones too: they were recovery points) since. */
  @SuppressWarnings("unchecked")
  List<BackupPoint> backups(long targetId, Instant since, int limit) {
    NativeQuery<Object[]> q =
        em.createNativeQuery(
                """
                SELECT a.created_at, a.completed_at,
                       TIMESTAMPDIFF(SECOND, COALESCE(r.started_at, a.created_at),
                                     COALESCE(r.finished_at, a.completed_at)) AS duration,
                       a.size_bytes
                FROM artifacts a LEFT JOIN runs r ON r.id = a.run_id
                WHERE a.target_id = :target AND a.completed_at IS NOT NULL
                  AND a.created_at >= :since
                ORDER BY a.completed_at, a.id
                LIMIT :limit
                """)
            .unwrap(NativeQuery.class);
    q.setParameter("target", targetId)
        .setParameter("since", since)
        .setParameter("limit", limit)
        .addScalar("created_at", StandardBasicTypes.INSTANT)
        .addScalar("completed_at", StandardBasicTypes.INSTANT)
        .addScalar("duration", StandardBasicTypes.LONG)
        .addScalar("size_bytes", StandardBasicTypes.LONG);
    return q.getResultList().stream()
        .map(r -> new BackupPoint((Instant) r[0], (Instant) r[1], (Long) r[2], (Long) r[3]))
        .toList();
  }

  /** Finished runs per UTC day and final state since the given instant (one project or all). */
  @SuppressWarnings("unchecked")
  List<OutcomeCount> outcomes(String projectOrNull, Instant since) {
    NativeQuery<Object[]> q =
        em.createNativeQuery(
                """
                SELECT TIMESTAMP(DATE(r.finished_at)) AS day, r.state, COUNT(*) AS n
                FROM runs r
                WHERE r.finished_at >= :since %s
                GROUP BY DATE(r.finished_at), r.state
                ORDER BY day, r.state
                """
                    .formatted(projectOrNull == null ? "" : "AND r.project_id = :project"))
            .unwrap(NativeQuery.class);
    if (projectOrNull != null) {
      q.setParameter("project", projectOrNull);
    }
    q.setParameter("since", since)
        .addScalar("day", StandardBasicTypes.INSTANT)
        .addScalar("state", StandardBasicTypes.STRING)
        .addScalar("n", StandardBasicTypes.LONG);
    return q.getResultList().stream()
        .map(r -> new OutcomeCount((Instant) r[0], (String) r[1], (Long) r[2]))
        .toList();
  }

  /**
   * Per day's end: the targets that existed then (not yet deleted) and those of them with a backup
   * taken within their RPO target (today's effective one, 24 h without) and completed by then.
   */
  @SuppressWarnings("unchecked")
  List<CoverageCount> coverage(List<Instant> dayEnds) {
    StringBuilder days = new StringBuilder();
    for (int i = 0; i < dayEnds.size(); i++) {
      days.append(i == 0 ? "SELECT " : " UNION ALL SELECT ")
          .append("CAST(:d")
          .append(i)
          .append(" AS DATETIME(6))");
      days.append(i == 0 ? " AS day_end" : "");
    }
    NativeQuery<Object[]> q =
        em.createNativeQuery(
                """
                SELECT d.day_end, COUNT(*) AS live,
                       SUM(EXISTS (SELECT 1 FROM artifacts a
                                   WHERE a.target_id = t.id AND a.completed_at <= d.day_end
                                     AND a.created_at > d.day_end
                                         - INTERVAL COALESCE(e.rpo_target_minutes, 1440) MINUTE))
                         AS covered
                FROM (%s) d
                JOIN targets t ON t.created_at <= d.day_end
                              AND (t.deleted_at IS NULL OR t.deleted_at > d.day_end)
                LEFT JOIN effective_policies e ON e.target_id = t.id
                GROUP BY d.day_end
                ORDER BY d.day_end
                """
                    .formatted(days))
            .unwrap(NativeQuery.class);
    for (int i = 0; i < dayEnds.size(); i++) {
      q.setParameter("d" + i, dayEnds.get(i));
    }
    q.addScalar("day_end", StandardBasicTypes.INSTANT)
        .addScalar("live", StandardBasicTypes.LONG)
        .addScalar("covered", StandardBasicTypes.LONG);
    List<CoverageCount> out = new ArrayList<>();
    for (Object[] r : q.getResultList()) {
      out.add(new CoverageCount((Instant) r[0], (Long) r[1], (Long) r[2]));
    }
    return out;
  }
}
