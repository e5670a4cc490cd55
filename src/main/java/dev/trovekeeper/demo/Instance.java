package dev.trovekeeper.demo;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** A Trove instance; mutable, guarded by the {@link RegionState} lock. */
final class Instance {

  /** Statuses in which Trove does not ask the guest agent for the used volume size. */
  private static final Set<String> AGENT_INVALID =
      Set.of("BUILD", "REBOOT", "RESIZE", "PROMOTE", "EJECT", "UPGRADE");

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
  final String serverId = "FAKE_" + UUID.randomUUID();
  final String volumeId = "FAKE_VOL_" + UUID.randomUUID();
  String clusterId;
  String restoredFrom;
  Instant updated;
  Instant serviceStatusUpdated;
  Instant launched;
  Instant deletedAt;
  String status = "BUILD";
  String operatingStatus = "";
  Task task = Task.BUILDING;
  String faultMessage;
  Instant faultCreated;

  /** Trove's instance tasks ({@code trove/instance/tasks.py}) the demo region goes through. */
  enum Task {
    NONE("No tasks for the instance."),
    DELETING("Deleting the instance."),
    REBOOTING("Rebooting the instance."),
    BUILDING("The instance is building.");

    final String description;

    Task(String description) {
      this.description = description;
    }
  }

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

  /** Whether the guest reports its used volume (Trove skips it while building or rebooting). */
  boolean reportsVolumeUsed() {
    return !AGENT_INVALID.contains(status);
  }

  /** The guest's service status as the mgmt view shows it ({@code service_status}). */
  String serviceStatus() {
    if (status.equals("BUILD")) {
      return "NEW";
    }
    return operatingStatus.isEmpty() ? status : operatingStatus;
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
