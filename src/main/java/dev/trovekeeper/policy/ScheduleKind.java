package dev.trovekeeper.policy;

/** A policy fires on a cron expression, or once a day inside a window with per-target jitter. */
public enum ScheduleKind {
  CRON,
  WINDOW
}
