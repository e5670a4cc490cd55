package dev.trovekeeper.operator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.hibernate.query.NativeQuery;
import org.hibernate.type.StandardBasicTypes;

/** The coverage report, read with one aggregate query over every live instance. */
@ApplicationScoped
public class CoverageService {

  private static final String INSTANCES =
      """
      SELECT t.project_id, t.external_id, t.name, t.status, a.last_success,
             COALESCE(pt.id, pp.id, pg.id) IS NOT NULL AS has_policy,
             CASE WHEN pt.id IS NOT NULL THEN pt.rpo_target_minutes
                  WHEN pp.id IS NOT NULL THEN pp.rpo_target_minutes
                  ELSE pg.rpo_target_minutes END AS rpo_minutes,
             COALESCE(CASE WHEN pt.id IS NOT NULL THEN pt.paused
                           WHEN pp.id IS NOT NULL THEN pp.paused
                           ELSE pg.paused END, FALSE)
               OR COALESCE(pr.paused, FALSE) AS paused,
             COALESCE(rf.state = 'FAILED', FALSE) AS failing,
             rl.state AS last_state, rl.reason_code, rl.reason
      FROM targets t
      LEFT JOIN (SELECT target_id, MAX(created_at) AS last_success FROM artifacts
                 WHERE status = 'COMPLETED' GROUP BY target_id) a ON a.target_id = t.id
      LEFT JOIN policies pt ON pt.scope = 'TARGET' AND pt.target_id = t.id
      LEFT JOIN policies pp ON pp.scope = 'PROJECT' AND pp.project_id = t.project_id
      LEFT JOIN policies pg ON pg.scope = 'GLOBAL'
      LEFT JOIN projects pr ON pr.id = t.project_id
      LEFT JOIN (SELECT target_id, MAX(id) AS id FROM runs GROUP BY target_id) l
        ON l.target_id = t.id
      LEFT JOIN runs rl ON rl.id = l.id
      LEFT JOIN (SELECT target_id, MAX(id) AS id FROM runs
                 WHERE state IN ('SUCCEEDED', 'FAILED') GROUP BY target_id) f
        ON f.target_id = t.id
      LEFT JOIN runs rf ON rf.id = f.id
      WHERE t.kind = 'TROVE_INSTANCE' AND t.deleted_at IS NULL
        AND t.status NOT IN ('VANISHED', 'DELETED')
        AND %s
      ORDER BY t.project_id, t.name, t.id
      """;

  private final EntityManager em;
  private final PauseService pauses;
  private final Clock clock;

  CoverageService(EntityManager em, PauseService pauses, Clock clock) {
    this.em = em;
    this.pauses = pauses;
    this.clock = clock;
  }

  /** Every live Trove instance (of one project, if given) with its protection, and totals. */
  @Transactional
  @SuppressWarnings("unchecked")
  public CoverageReport report(String projectIdOrNull) {
    Instant now = clock.instant();
    boolean fleetPaused = pauses.fleet().paused();
    NativeQuery<Object[]> query =
        em.createNativeQuery(
                INSTANCES.formatted(projectIdOrNull == null ? "TRUE" : "t.project_id = :project"))
            .unwrap(NativeQuery.class);
    if (projectIdOrNull != null) {
      query.setParameter("project", projectIdOrNull);
    }
    List<Object[]> rows =
        query
            .addScalar("project_id", StandardBasicTypes.STRING)
            .addScalar("external_id", StandardBasicTypes.STRING)
            .addScalar("name", StandardBasicTypes.STRING)
            .addScalar("status", StandardBasicTypes.STRING)
            .addScalar("last_success", StandardBasicTypes.INSTANT)
            .addScalar("has_policy", StandardBasicTypes.BOOLEAN)
            .addScalar("rpo_minutes", StandardBasicTypes.INTEGER)
            .addScalar("paused", StandardBasicTypes.BOOLEAN)
            .addScalar("failing", StandardBasicTypes.BOOLEAN)
            .addScalar("last_state", StandardBasicTypes.STRING)
            .addScalar("reason_code", StandardBasicTypes.STRING)
            .addScalar("reason", StandardBasicTypes.STRING)
            .getResultList();
    List<CoverageRow> instances =
        rows.stream()
            .map(
                r ->
                    new CoverageRow(
                        (String) r[0],
                        (String) r[1],
                        (String) r[2],
                        (String) r[3],
                        CoverageProtection.classify(
                            (Boolean) r[5],
                            fleetPaused || (Boolean) r[7],
                            (Boolean) r[8],
                            (Instant) r[4],
                            (Integer) r[6],
                            now),
                        (Instant) r[4],
                        (String) r[9],
                        (String) r[10],
                        (String) r[11]))
            .toList();
    Map<CoverageProtection, Long> totals = new EnumMap<>(CoverageProtection.class);
    for (CoverageProtection p : CoverageProtection.values()) {
      totals.put(p, 0L);
    }
    instances.forEach(row -> totals.merge(row.protection(), 1L, Long::sum));
    return new CoverageReport(now, fleetPaused, totals, instances);
  }
}
