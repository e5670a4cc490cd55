package dev.trovekeeper.inventory;

import java.time.Instant;

/** A Trove instance as the API shows it. */
public record InstanceResponse(
    String id,
    String projectId,
    String name,
    String status,
    String datastoreType,
    String datastoreVersion,
    String region,
    DiscoverySource discoveredBy,
    Instant lastSeenAt) {

  static InstanceResponse of(Target target) {
    return new InstanceResponse(
        target.externalId,
        target.projectId,
        target.name,
        target.status,
        target.datastoreType,
        target.datastoreVersion,
        target.region,
        target.discoveredBy,
        target.lastSeenAt);
  }
}
