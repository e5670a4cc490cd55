package dev.trovekeeper.run;

/**
 * Full or incremental, on which parent, and why when it is not what the policy asked for.
 *
 * @param fallbackReason why a full is taken instead of an incremental, or null
 */
public record BackupPlan(BackupType type, String parentExternalId, String fallbackReason) {

  static BackupPlan full(String fallbackReason) {
    return new BackupPlan(BackupType.FULL, null, fallbackReason);
  }

  static BackupPlan incremental(String parent) {
    return new BackupPlan(BackupType.INCREMENTAL, parent, null);
  }
}
