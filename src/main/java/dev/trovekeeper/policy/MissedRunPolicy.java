package dev.trovekeeper.policy;

/** What happens to slots missed while the service was down. */
public enum MissedRunPolicy {
  /** Missed slots are dropped; the next run is the next slot. */
  SKIP,
  /** One catch-up run, however many slots were missed (the default). */
  RUN_ONCE,
  /** One run per missed slot, up to a maximum and within a deadline. */
  BACKFILL
}
