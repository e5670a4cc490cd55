package dev.trovekeeper.policy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.LocalTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.query.NativeQuery;
import org.hibernate.type.BasicTypeReference;
import org.hibernate.type.StandardBasicTypes;

/**
 * Reads the {@code effective_policies} view (migrations V70, V92), the one place where scopes are
 * merged: Java callers, coverage and metrics all read it.
 */
@ApplicationScoped
class EffectivePolicyRepository {

  private static final String QUERY =
      "SELECT * FROM effective_policies WHERE policy_id IS NOT NULL AND target_id IN (:ids)";

  /** The fields each merged column group fills, by the JSON name of the policy field. */
  private static final Map<String, List<String>> GROUPS =
      Map.of(
          "time_zone_scope", List.of("timeZone"),
          "full_interval_days_scope", List.of("fullIntervalDays"),
          "max_chain_length_scope", List.of("maxChainLength"),
          "failed_grace_hours_scope", List.of("failedGraceHours"),
          "missed_run_policy_scope",
              List.of("missedRunPolicy", "backfillMax", "backfillDeadlineHours"),
          "rpo_target_minutes_scope", List.of("rpoTargetMinutes"),
          "paused_scope", List.of("paused"),
          "after_delete_scope", List.of("afterDelete", "finalBackupDays"),
          "restore_drill_interval_hours_scope", List.of("restoreDrillIntervalHours"));

  /** What every policy states itself: it comes from the narrowest policy, as one group. */
  private static final List<String> NARROWEST =
      List.of(
          "name",
          "scheduleKind",
          "cronExpression",
          "windowStart",
          "windowLengthMinutes",
          "keepLast",
          "maxAgeDays",
          "keepDaily",
          "keepWeekly",
          "keepMonthly");

  private final EntityManager em;

  EffectivePolicyRepository(EntityManager em) {
    this.em = em;
  }

  /** Target id to its effective policy; targets without any policy are absent. */
  @SuppressWarnings("unchecked")
  Map<Long, ResolvedPolicy> forTargets(Collection<Long> targetIds) {
    Map<Long, ResolvedPolicy> resolved = new HashMap<>();
    if (targetIds.isEmpty()) {
      return resolved;
    }
    // Native queries see the session's pending policy changes only once they are flushed.
    em.flush();
    NativeQuery<Object[]> query = em.createNativeQuery(QUERY).unwrap(NativeQuery.class);
    query.setParameter("ids", targetIds);
    COLUMNS.forEach((column, type) -> query.addScalar(column, type));
    List<String> names = List.copyOf(COLUMNS.keySet());
    for (Object[] values : query.getResultList()) {
      Map<String, Object> row = new HashMap<>();
      for (int i = 0; i < values.length; i++) {
        row.put(names.get(i), values[i]);
      }
      resolved.put((Long) row.get("target_id"), map(row));
    }
    return resolved;
  }

  private static final Map<String, BasicTypeReference<?>> COLUMNS = columns();

  private static Map<String, BasicTypeReference<?>> columns() {
    Map<String, BasicTypeReference<?>> c = new LinkedHashMap<>();
    c.put("target_id", StandardBasicTypes.LONG);
    c.put("policy_id", StandardBasicTypes.LONG);
    for (String text :
        List.of(
            "policy_scope",
            "name",
            "schedule_kind",
            "cron_expression",
            "time_zone",
            "missed_run_policy",
            "after_delete")) {
      c.put(text, StandardBasicTypes.STRING);
    }
    c.put("window_start", StandardBasicTypes.LOCAL_TIME);
    for (String number :
        List.of(
            "window_length_minutes",
            "keep_last",
            "max_age_days",
            "keep_daily",
            "keep_weekly",
            "keep_monthly",
            "full_interval_days",
            "max_chain_length",
            "failed_grace_hours",
            "backfill_max",
            "backfill_deadline_hours",
            "rpo_target_minutes",
            "final_backup_days",
            "restore_drill_interval_hours")) {
      c.put(number, StandardBasicTypes.INTEGER);
    }
    c.put("paused", StandardBasicTypes.BOOLEAN);
    GROUPS.keySet().forEach(scope -> c.put(scope, StandardBasicTypes.STRING));
    return c;
  }

  private static ResolvedPolicy map(Map<String, Object> row) {
    Policy p = new Policy();
    p.id = (Long) row.get("policy_id");
    p.scope = PolicyScope.valueOf((String) row.get("policy_scope"));
    p.name = (String) row.get("name");
    p.scheduleKind = ScheduleKind.valueOf((String) row.get("schedule_kind"));
    p.cronExpression = (String) row.get("cron_expression");
    p.windowStart = (LocalTime) row.get("window_start");
    p.windowLengthMinutes = (Integer) row.get("window_length_minutes");
    p.keepLast = (Integer) row.get("keep_last");
    p.maxAgeDays = (Integer) row.get("max_age_days");
    p.keepDaily = (Integer) row.get("keep_daily");
    p.keepWeekly = (Integer) row.get("keep_weekly");
    p.keepMonthly = (Integer) row.get("keep_monthly");
    p.timeZone = (String) row.get("time_zone");
    p.fullIntervalDays = (Integer) row.get("full_interval_days");
    p.maxChainLength = (Integer) row.get("max_chain_length");
    p.failedGraceHours = (Integer) row.get("failed_grace_hours");
    p.missedRunPolicy = MissedRunPolicy.valueOf((String) row.get("missed_run_policy"));
    p.backfillMax = (Integer) row.get("backfill_max");
    p.backfillDeadlineHours = (Integer) row.get("backfill_deadline_hours");
    p.rpoTargetMinutes = (Integer) row.get("rpo_target_minutes");
    p.paused = Boolean.TRUE.equals(row.get("paused"));
    p.afterDelete = AfterDelete.valueOf((String) row.get("after_delete"));
    p.finalBackupDays = (Integer) row.get("final_backup_days");
    p.restoreDrillIntervalHours = (Integer) row.get("restore_drill_interval_hours");
    Map<String, ValueScope> sources = new LinkedHashMap<>();
    ValueScope narrowest = ValueScope.valueOf(p.scope.name());
    NARROWEST.forEach(field -> sources.put(field, narrowest));
    GROUPS.forEach(
        (column, fields) -> {
          ValueScope scope = ValueScope.valueOf((String) row.get(column));
          fields.forEach(field -> sources.put(field, scope));
        });
    return new ResolvedPolicy(p, sources);
  }
}
