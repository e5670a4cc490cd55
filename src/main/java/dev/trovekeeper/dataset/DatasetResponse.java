package dev.trovekeeper.dataset;

import dev.trovekeeper.policy.EffectivePolicy;
import dev.trovekeeper.protection.Protection;
import java.time.Instant;

/**
 * A dataset as the API shows it: never its credentials, only whether some are stored.
 *
 * @param id the dataset's public id (a random UUID)
 * @param source kind and configuration, without secrets
 * @param credentialsSet whether credentials are stored (they are never returned)
 * @param status ACTIVE, SUSPENDED or DELETED
 * @param suspension why it is suspended; null unless SUSPENDED
 * @param protection as for instances (PROTECTED, STALE, FAILING, ..., DELETED)
 * @param protectionReason why it is FAILING (reason code of the newest finished run), else null
 * @param effectivePolicy the policy that applies, with the scope of each value
 * @param lastSuccessfulBackupAt its newest completed backup
 * @param nextBackupAt its next scheduled backup
 * @param backupsRemaining its completed backups
 */
public record DatasetResponse(
    String id,
    String projectId,
    String name,
    DatasetSource source,
    boolean credentialsSet,
    String status,
    Suspension suspension,
    Protection protection,
    String protectionReason,
    EffectivePolicy effectivePolicy,
    Instant lastSuccessfulBackupAt,
    Long recoveryPointAgeSeconds,
    Instant nextBackupAt,
    long backupsRemaining,
    Instant createdAt,
    Instant updatedAt,
    Instant deletedAt) {

  /**
   * Why a dataset is suspended.
   *
   * @param reasonCode SOURCE_UNAUTHORIZED, TENANT_INACTIVE, BY_TENANT, ...
   * @param by a user id, {@code source} or {@code webhook}
   */
  public record Suspension(String reasonCode, String reason, String by, Instant at) {}
}
