package dev.trovekeeper.inventory;

import dev.trovekeeper.schedule.EffectivePolicy;
import dev.trovekeeper.schedule.InstanceProtection;
import dev.trovekeeper.schedule.Protection;
import java.time.Instant;

/**
 * A Trove instance as the API shows it, with its protection.
 *
 * @param id Trove instance id
 * @param status Trove's status (or VANISHED / DELETED)
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
    EffectivePolicy effectivePolicy,
    Instant lastSuccessfulBackupAt,
    Long recoveryPointAgeSeconds,
    Instant nextBackupAt) {

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
        p.effectivePolicy(),
        p.lastSuccessfulBackupAt(),
        p.recoveryPointAgeSeconds(),
        p.nextBackupAt());
  }
}
