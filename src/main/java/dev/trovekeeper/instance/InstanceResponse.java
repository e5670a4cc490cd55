package dev.trovekeeper.instance;

import dev.trovekeeper.inventory.DiscoverySource;
import dev.trovekeeper.inventory.Target;
import dev.trovekeeper.policy.EffectivePolicy;
import dev.trovekeeper.protection.Protection;
import java.time.Instant;

/**
 * A Trove instance as the API shows it, with its protection.
 *
 * @param id Trove instance id
 * @param status Trove's status (or VANISHED / DELETED)
 * @param protection DELETED for a deleted (or vanished) instance, listed with its remaining backups
 *     and what will happen to them ({@code afterDelete})
 * @param provenRestorableAt when a restore drill last proved a backup of it restorable
 * @param restoreRtoMillis the restore time that drill measured (asking Trove to ACTIVE)
 */
public record InstanceResponse(
    String id,
    String projectId,
    String name,
    String status,
    String datastoreType,
    String datastoreVersion,
    String region,
    DiscoverySource discoveredBy,
    Instant lastSeenAt,
    Protection protection,
    String protectionReason,
    EffectivePolicy effectivePolicy,
    Instant lastSuccessfulBackupAt,
    Long recoveryPointAgeSeconds,
    Instant nextBackupAt,
    Instant deletedAt,
    long backupsRemaining,
    AfterDeleteView afterDelete,
    Instant provenRestorableAt,
    Long restoreRtoMillis) {

  static InstanceResponse of(Target target, InstanceProtection p) {
    return new InstanceResponse(
        target.externalId,
        target.projectId,
        target.name,
        target.status,
        target.datastoreType,
        target.datastoreVersion,
        target.region,
        target.discoveredBy,
        target.lastSeenAt,
        p.protection(),
        p.protectionReason(),
        p.effectivePolicy(),
        p.lastSuccessfulBackupAt(),
        p.recoveryPointAgeSeconds(),
        p.nextBackupAt(),
        p.deletedAt(),
        p.backupsRemaining(),
        p.afterDelete(),
        target.provenRestorableAt,
        target.restoreRtoMillis);
  }
}
