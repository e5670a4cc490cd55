-- A tier may require more time between scheduled backups than the fleet-wide minimum.
ALTER TABLE tiers ADD COLUMN min_interval_minutes INT NULL AFTER max_runs_per_day;
