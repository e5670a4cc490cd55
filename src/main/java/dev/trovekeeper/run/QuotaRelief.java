package dev.trovekeeper.run;

/**
 * Frees Trove backup quota of a project when a backup is refused over it (413). Implemented by the
 * retention feature (above this package), so a run can make room before it posts its backup.
 */
public interface QuotaRelief {

  /**
   * Deletes what the project's retention allows, first by each policy's own rules, then the oldest
   * backup no rule needs to stay restorable (never the newest good backup of an instance, never a
   * backup others in its chain need).
   *
   * @return true when Trove accepted at least one delete (its quota unit is free again)
   */
  boolean makeRoom(String projectId);
}
