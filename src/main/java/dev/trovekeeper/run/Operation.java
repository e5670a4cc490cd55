package dev.trovekeeper.run;

/** What a run does to its target. */
public enum Operation {
  BACKUP,
  /** Restores a backup of the target into a new Trove instance ({@link TroveRestoreExecutor}). */
  RESTORE,
  /**
   * A restore drill: the newest backup into a throwaway instance that is deleted once ACTIVE, to
   * measure the restore time (claimed as scheduled work, after restores and manual runs).
   */
  DRILL,
  MIGRATE,
  /**
   * Compares a dataset backup with the live data or another backup, object by object ({@code
   * diff.DiffExecutor}); asked for by a tenant, so claimed before scheduled work.
   */
  DIFF,
  /**
   * Writes selected objects of a dataset backup back into the dataset's live source, after a safety
   * backup ({@code datarestore.DataRestoreExecutor}); asked for by a tenant.
   */
  RESTORE_DATA
}
