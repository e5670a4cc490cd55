package dev.trovekeeper.demo;

import java.time.Instant;

/** A Trove instance; mutable, guarded by the {@link RegionState} lock. */
final class Instance {

  final String id;
  final String projectId;
  final String userId;
  final String name;
  final String flavorId;
  final String datastore;
  final String datastoreVersion;
  final int volumeSize;
  final Instant created;
  final String requestId;
  Instant updated;
  Instant serviceStatusUpdated;
  Instant launched;
  Instant deletedAt;
  String status = "BUILD";
  String operatingStatus = "";
  String faultMessage;
  Instant faultCreated;

  Instance(
      String id,
      String projectId,
      String userId,
      String name,
      String flavorId,
      String datastore,
      String datastoreVersion,
      int volumeSize,
      Instant created,
      String requestId) {
    this.id = id;
    this.projectId = projectId;
    this.userId = userId;
    this.name = name;
    this.flavorId = flavorId;
    this.datastore = datastore;
    this.datastoreVersion = datastoreVersion;
    this.volumeSize = volumeSize;
    this.created = created;
    this.updated = created;
    this.serviceStatusUpdated = created;
    this.requestId = requestId;
  }

  boolean deleted() {
    return deletedAt != null;
  }

  void fault(String message, Instant at) {
    faultMessage = message;
    faultCreated = at;
  }

  InstanceInfo info() {
    return new InstanceInfo(
        id,
        projectId,
        name,
        status,
        operatingStatus,
        datastore,
        datastoreVersion,
        created,
        deletedAt);
  }
}
