-- Scopes merge field by field (docs/architecture.md, "Effective policy"): a field a policy leaves
-- NULL comes from the next wider scope, TARGET > PROJECT > GLOBAL > the service's built-in default.
-- What every policy states (name, schedule, retention rules) comes as one group from the narrowest
-- policy. So NULL in these columns now means "inherit", no longer a value of its own.
ALTER TABLE policies
  MODIFY time_zone          VARCHAR(64)  NULL,
  MODIFY failed_grace_hours INT          NULL,
  MODIFY missed_run_policy  VARCHAR(16)  NULL,
  MODIFY paused             BOOLEAN      NULL,
  -- What happens to the backups of an instance once it is deleted: AGE_OUT (the retention rules
  -- go on) or KEEP_FINAL (only the newest backup stays, for final_backup_days, then it goes too).
  ADD COLUMN after_delete      VARCHAR(16) NULL AFTER paused,
  ADD COLUMN final_backup_days INT         NULL AFTER after_delete;

-- full_interval_days 0 is now stored as 0 (every backup full); NULL inherits. Rows written before
-- kept 0 as NULL; at GLOBAL scope NULL still means every backup full (no wider scope).

-- The one implementation of the precedence: the effective value of every field for every target,
-- and the scope it came from (TARGET, PROJECT, GLOBAL, or DEFAULT for the built-in default).
-- Only joins (no aggregate, no subquery), so MariaDB merges the view into the query that reads it.
CREATE VIEW effective_policies AS
SELECT t.id AS target_id,
       n.id AS policy_id,
       n.scope AS policy_scope,
       n.name,
       n.schedule_kind,
       n.cron_expression,
       n.window_start,
       n.window_length_minutes,
       n.keep_last,
       n.max_age_days,
       n.keep_daily,
       n.keep_weekly,
       n.keep_monthly,
       COALESCE(pt.time_zone, pp.time_zone, pg.time_zone, 'UTC') AS time_zone,
       CASE WHEN pt.time_zone IS NOT NULL THEN 'TARGET'
            WHEN pp.time_zone IS NOT NULL THEN 'PROJECT'
            WHEN pg.time_zone IS NOT NULL THEN 'GLOBAL' ELSE 'DEFAULT' END AS time_zone_scope,
       COALESCE(pt.full_interval_days, pp.full_interval_days, pg.full_interval_days)
         AS full_interval_days,
       CASE WHEN pt.full_interval_days IS NOT NULL THEN 'TARGET'
            WHEN pp.full_interval_days IS NOT NULL THEN 'PROJECT'
            WHEN pg.full_interval_days IS NOT NULL THEN 'GLOBAL' ELSE 'DEFAULT' END
         AS full_interval_days_scope,
       COALESCE(pt.failed_grace_hours, pp.failed_grace_hours, pg.failed_grace_hours, 24)
         AS failed_grace_hours,
       CASE WHEN pt.failed_grace_hours IS NOT NULL THEN 'TARGET'
            WHEN pp.failed_grace_hours IS NOT NULL THEN 'PROJECT'
            WHEN pg.failed_grace_hours IS NOT NULL THEN 'GLOBAL' ELSE 'DEFAULT' END
         AS failed_grace_hours_scope,
       COALESCE(pt.missed_run_policy, pp.missed_run_policy, pg.missed_run_policy, 'RUN_ONCE')
         AS missed_run_policy,
       CASE WHEN pt.missed_run_policy IS NOT NULL THEN pt.backfill_max
            WHEN pp.missed_run_policy IS NOT NULL THEN pp.backfill_max
            ELSE pg.backfill_max END AS backfill_max,
       CASE WHEN pt.missed_run_policy IS NOT NULL THEN pt.backfill_deadline_hours
            WHEN pp.missed_run_policy IS NOT NULL THEN pp.backfill_deadline_hours
            ELSE pg.backfill_deadline_hours END AS backfill_deadline_hours,
       CASE WHEN pt.missed_run_policy IS NOT NULL THEN 'TARGET'
            WHEN pp.missed_run_policy IS NOT NULL THEN 'PROJECT'
            WHEN pg.missed_run_policy IS NOT NULL THEN 'GLOBAL' ELSE 'DEFAULT' END
         AS missed_run_policy_scope,
       COALESCE(pt.rpo_target_minutes, pp.rpo_target_minutes, pg.rpo_target_minutes)
         AS rpo_target_minutes,
       CASE WHEN pt.rpo_target_minutes IS NOT NULL THEN 'TARGET'
            WHEN pp.rpo_target_minutes IS NOT NULL THEN 'PROJECT'
            WHEN pg.rpo_target_minutes IS NOT NULL THEN 'GLOBAL' ELSE 'DEFAULT' END
         AS rpo_target_minutes_scope,
       COALESCE(pt.paused, pp.paused, pg.paused, FALSE) AS paused,
       CASE WHEN pt.paused IS NOT NULL THEN 'TARGET'
            WHEN pp.paused IS NOT NULL THEN 'PROJECT'
            WHEN pg.paused IS NOT NULL THEN 'GLOBAL' ELSE 'DEFAULT' END AS paused_scope,
       COALESCE(pt.after_delete, pp.after_delete, pg.after_delete, 'AGE_OUT') AS after_delete,
       CASE WHEN pt.after_delete IS NOT NULL THEN pt.final_backup_days
            WHEN pp.after_delete IS NOT NULL THEN pp.final_backup_days
            ELSE pg.final_backup_days END AS final_backup_days,
       CASE WHEN pt.after_delete IS NOT NULL THEN 'TARGET'
            WHEN pp.after_delete IS NOT NULL THEN 'PROJECT'
            WHEN pg.after_delete IS NOT NULL THEN 'GLOBAL' ELSE 'DEFAULT' END AS after_delete_scope
FROM targets t
LEFT JOIN policies pt ON pt.scope_key = CONCAT('TARGET:', t.id)
LEFT JOIN policies pp ON pp.scope_key = CONCAT('PROJECT:', t.project_id)
LEFT JOIN policies pg ON pg.scope_key = 'GLOBAL'
LEFT JOIN policies n ON n.id = COALESCE(pt.id, pp.id, pg.id);
