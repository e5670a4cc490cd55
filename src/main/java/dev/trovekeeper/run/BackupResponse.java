package dev.trovekeeper.run;

import java.time.Instant;

/**
 * A backup of an instance as the API shows it.
 *
 * @param id the backup's public id, a random UUID (what {@code POST /v1/deletions} takes)
 * @param backupId Trove backup id
 * @param parentBackupId Trove id of the parent of an incremental backup
 * @param status Trove's backup status, or DELETING / DELETED
 * @param runId public id of the run that made it
 * @param retention what retention does with it and why (null once deleted)
 * @param provenRestorableAt when a restore drill last proved this backup restorable
 * @param restoreRtoMillis the restore time that drill measured (asking Trove to ACTIVE)
 */
public record BackupResponse(
    String id,
    String backupId,
    BackupType type,
    String parentBackupId,
    String status,
    Long sizeBytes,
    Instant createdAt,
    Instant completedAt,
    ArtifactOrigin origin,
    String runId,
    RetentionView retention,
    Instant provenRestorableAt,
    Long restoreRtoMillis) {

  /** The backup; {@code runId} is the public id of the run that made it, if any. */
  static BackupResponse of(Artifact a, String runId, RetentionView retention) {
    return new BackupResponse(
        a.publicId,
        a.externalId,
        a.backupType,
        a.parentExternalId,
        a.status,
        a.sizeBytes,
        a.createdAt,
        a.completedAt,
        a.origin,
        runId,
        "DELETED".equals(a.status) ? null : retention,
        a.provenRestorableAt,
        a.restoreRtoMillis);
  }
}
