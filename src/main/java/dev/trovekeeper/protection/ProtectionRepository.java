package dev.trovekeeper.protection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.hibernate.query.NativeQuery;
import org.hibernate.type.BasicTypeReference;
import org.hibernate.type.StandardBasicTypes;

/**
 * Reads the facts of {@link ProtectionFacts} in one query: the target, its effective policy (the
 * {@code effective_policies} view), fleet and project pause, its newest backup and runs, and its
 * schedule. Every reader of protection goes through here.
 */
@ApplicationScoped
public class ProtectionRepository {

  private static final String FACTS =
      """
      SELECT t.id AS target_id, t.project_id, t.external_id, t.kind, t.name, t.status,
             t.created_at, t.deleted_at,
             (t.deleted_at IS NOT NULL OR t.status IN ('VANISHED', 'DELETED')) AS gone,
             e.policy_id, e.paused AS policy_paused, e.rpo_target_minutes,
             COALESCE(pr.paused, FALSE) AS project_paused,
             COALESCE((SELECT f.paused FROM fleet_control f WHERE f.id = 1), FALSE) AS fleet_paused,
             (SELECT MAX(a.created_at) FROM artifacts a
              WHERE a.target_id = t.id AND a.status = 'COMPLETED') AS last_success_at,
             rf.state AS last_finished_state, rf.reason_code AS last_finished_reason_code,
             rl.state AS last_run_state, rl.reason_code AS last_run_reason_code,
             rl.reason AS last_run_reason,
             CASE WHEN s.enabled THEN s.next_fire_at END AS next_fire_at,
             (SELECT COUNT(*) FROM artifacts a
              WHERE a.target_id = t.id AND a.status = 'COMPLETED') AS completed_backups
      FROM targets t
      LEFT JOIN effective_policies e ON e.target_id = t.id
      LEFT JOIN projects pr ON pr.id = t.project_id
      LEFT JOIN schedules s ON s.target_id = t.id
      LEFT JOIN runs rf ON rf.id = (SELECT r.id FROM runs r WHERE r.target_id = t.id
                                    AND r.operation = 'BACKUP'
                                    AND r.state IN ('SUCCEEDED', 'FAILED', 'SKIPPED')
                                    ORDER BY r.id DESC LIMIT 1)
      LEFT JOIN runs rl ON rl.id = (SELECT MAX(r.id) FROM runs r WHERE r.target_id = t.id
                                    AND r.operation = 'BACKUP')
      WHERE %s
      ORDER BY t.project_id, t.name, t.id
      """;

  private static final String LIVE =
      "t.deleted_at IS NULL AND t.status NOT IN ('VANISHED', 'DELETED')";

  private final EntityManager em;

  ProtectionRepository(EntityManager em) {
    this.em = em;
  }

  /** The facts of the given targets (any state, deleted included). */
  @Transactional
  public List<ProtectionFacts> forTargets(Collection<Long> targetIds) {
    if (targetIds.isEmpty()) {
      return List.of();
    }
    return read("t.id IN (:ids)", "ids", targetIds);
  }

  /** Every live target (Trove instances and datasets), of one project when given. */
  @Transactional
  public List<ProtectionFacts> liveTargets(String projectIdOrNull) {
    return projectIdOrNull == null
        ? read(LIVE, null, null)
        : read(LIVE + " AND t.project_id = :project", "project", projectIdOrNull);
  }

  /** Every live target of any kind. */
  @Transactional
  public List<ProtectionFacts> liveTargets() {
    return liveTargets(null);
  }

  @SuppressWarnings("unchecked")
  private List<ProtectionFacts> read(String where, String param, Object value) {
    // Native queries see pending changes of this transaction only once they are flushed.
    em.flush();
    NativeQuery<Object[]> query =
        em.createNativeQuery(FACTS.formatted(where)).unwrap(NativeQuery.class);
    if (param != null) {
      query.setParameter(param, value);
    }
    for (int i = 0; i < COLUMNS.length; i++) {
      query.addScalar(COLUMNS[i], TYPES[i]);
    }
    return query.getResultList().stream().map(ProtectionRepository::facts).toList();
  }

  private static final String[] COLUMNS = {
    "target_id",
    "project_id",
    "external_id",
    "kind",
    "name",
    "status",
    "created_at",
    "deleted_at",
    "gone",
    "policy_id",
    "policy_paused",
    "project_paused",
    "fleet_paused",
    "rpo_target_minutes",
    "last_success_at",
    "last_finished_state",
    "last_finished_reason_code",
    "last_run_state",
    "last_run_reason_code",
    "last_run_reason",
    "next_fire_at",
    "completed_backups"
  };

  private static final BasicTypeReference<?>[] TYPES = {
    StandardBasicTypes.LONG, StandardBasicTypes.STRING, StandardBasicTypes.STRING,
    StandardBasicTypes.STRING, StandardBasicTypes.STRING, StandardBasicTypes.STRING,
    StandardBasicTypes.INSTANT, StandardBasicTypes.INSTANT, StandardBasicTypes.BOOLEAN,
    StandardBasicTypes.LONG, StandardBasicTypes.BOOLEAN, StandardBasicTypes.BOOLEAN,
    StandardBasicTypes.BOOLEAN, StandardBasicTypes.INTEGER, StandardBasicTypes.INSTANT,
    StandardBasicTypes.STRING, StandardBasicTypes.STRING, StandardBasicTypes.STRING,
    StandardBasicTypes.STRING, StandardBasicTypes.STRING, StandardBasicTypes.INSTANT,
    StandardBasicTypes.LONG
  };

  private static ProtectionFacts facts(Object[] r) {
    return new ProtectionFacts(
        (Long) r[0],
        (String) r[1],
        (String) r[2],
        (String) r[3],
        (String) r[4],
        (String) r[5],
        (Instant) r[6],
        (Instant) r[7],
        Boolean.TRUE.equals(r[8]),
        (Long) r[9],
        Boolean.TRUE.equals(r[10]),
        Boolean.TRUE.equals(r[11]),
        Boolean.TRUE.equals(r[12]),
        (Integer) r[13],
        (Instant) r[14],
        (String) r[15],
        (String) r[16],
        (String) r[17],
        (String) r[18],
        (String) r[19],
        (Instant) r[20],
        (Long) r[21]);
  }
}
