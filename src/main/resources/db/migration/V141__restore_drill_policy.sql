-- Restore drills (docs/OPERATIONS.md, "Restores and drills"): a policy may have the newest backup
-- of each of its instances restored into a throwaway instance every restore_drill_interval_hours,
-- to prove it restorable and measure the restore time. 0: no drills; NULL inherits from the next
-- wider scope; NULL everywhere: none.
ALTER TABLE policies
  ADD COLUMN restore_drill_interval_hours INT NULL;

-- The view of V92 with the new column and the scope it came from (same precedence, one copy).
CREATE OR REPLACE VIEW effective_policies AS
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
       COALESCE(pt.max_chain_length, pp.max_chain_length, pg.max_chain_length)
         AS max_chain_length,
       CASE WHEN pt.max_chain_length IS NOT NULL THEN 'TARGET'
            WHEN pp.max_chain_length IS NOT NULL THEN 'PROJECT'
            WHEN pg.max_chain_length IS NOT NULL THEN 'GLOBAL' ELSE 'DEFAULT' END
         AS max_chain_length_scope,
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
            WHEN pg.after_delete IS NOT NULL THEN 'GLOBAL' ELSE 'DEFAULT' END AS after_delete_scope,
       COALESCE(pt.restore_drill_interval_hours, pp.restore_drill_interval_hours,
                pg.restore_drill_interval_hours, 0) AS restore_drill_interval_hours,
       CASE WHEN pt.restore_drill_interval_hours IS NOT NULL THEN 'TARGET'
            WHEN pp.restore_drill_interval_hours IS NOT NULL THEN 'PROJECT'
            WHEN pg.restore_drill_interval_hours IS NOT NULL THEN 'GLOBAL' ELSE 'DEFAULT' END
         AS restore_drill_interval_hours_scope
FROM targets t
LEFT JOIN policies pt ON pt.scope_key = CONCAT('TARGET:', t.id)
LEFT JOIN policies pp ON pp.scope_key = CONCAT('PROJECT:', t.project_id)
LEFT JOIN policies pg ON pg.scope_key = 'GLOBAL'
LEFT JOIN policies n ON n.id = COALESCE(pt.id, pp.id, pg.id);
