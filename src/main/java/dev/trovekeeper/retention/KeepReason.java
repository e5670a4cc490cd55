package dev.trovekeeper.retention;

/** Why a backup is kept; a kept backup may have several. */
public enum KeepReason {
  /** The newest COMPLETED backup, kept whatever the rules say. */
  NEWEST_COMPLETED,
  /** Among the newest {@code keepLast} COMPLETED backups. */
  KEEP_LAST,
  /** At most {@code maxAgeDays} old. */
  WITHIN_MAX_AGE,
  /** The newest COMPLETED backup of one of the last {@code keepDaily} days that have one. */
  DAILY,
  /** The newest COMPLETED backup of one of the last {@code keepWeekly} ISO weeks that have one. */
  WEEKLY,
  /** The newest COMPLETED backup of one of the last {@code keepMonthly} months that have one. */
  MONTHLY,
  /** An ancestor of a kept or running incremental: deleting it would delete that descendant. */
  PARENT_OF_KEPT,
  /** Still running (Trove NEW, BUILDING or SAVING). */
  RUNNING,
  /** FAILED, but not yet older than the failed grace. */
  FAILED_IN_GRACE
}
