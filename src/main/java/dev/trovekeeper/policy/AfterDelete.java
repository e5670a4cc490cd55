package dev.trovekeeper.policy;

/** What happens to the backups of an instance once it is deleted. */
public enum AfterDelete {
  /** The retention rules go on as for a live instance (the default). */
  AGE_OUT,
  /**
   * Only the newest completed backup (with the chain it needs) stays, for {@code finalBackupDays}
   * after the deletion; then it is deleted too.
   */
  KEEP_FINAL
}
