package dev.trovekeeper.trove;

import java.time.Instant;

/**
 * A Trove instance as the service needs it. Fields Trove does not send are null.
 *
 * @param status Trove's status: BUILD, ACTIVE, BACKUP, REBOOT, SHUTDOWN, ERROR, ...
 * @param operatingStatus the datastore's health ({@code operating_status}: HEALTHY, "" while not
 *     up)
 * @param serviceStatus the guest's service status (admin listings only: {@code service_status})
 * @param fault the last refusal or error Trove recorded on the instance
 * @param clusterId the cluster the instance belongs to
 */
public record TroveInstance(
    String id,
    String projectId,
    String name,
    String status,
    String datastoreType,
    String datastoreVersion,
    String region,
    String operatingStatus,
    String serviceStatus,
    Fault fault,
    String clusterId) {

  /** An instance known only by what a notification says. */
  public TroveInstance(
      String id,
      String projectId,
      String name,
      String status,
      String datastoreType,
      String datastoreVersion,
      String region) {
    this(
        id,
        projectId,
        name,
        status,
        datastoreType,
        datastoreVersion,
        region,
        null,
        null,
        null,
        null);
  }

  /**
   * Trove's {@code fault} of an instance.
   *
   * @param message e.g. "Instance ... is not ready."
   * @param created when Trove recorded it
   */
  public record Fault(String message, Instant created) {}

  /** ACTIVE: Trove accepts backups of it (unless one is running). */
  public boolean active() {
    return "ACTIVE".equals(status);
  }
}
