package dev.trovekeeper.instance;

import java.util.List;

/**
 * The values of an instance's {@code status}, and so of the {@code status} filter: Trove's instance
 * statuses (Trove 18, {@code trove.instance.models.InstanceStatus}) and the service's own VANISHED
 * (gone from Trove's list) and DELETED.
 */
public final class InstanceStatuses {

  public static final List<String> ALL =
      List.of(
          "ACTIVE",
          "BUILD",
          "BACKUP",
          "REBOOT",
          "RESIZE",
          "UPGRADE",
          "PROMOTE",
          "EJECT",
          "DETACH",
          "LOGGING",
          "RESTART_REQUIRED",
          "SHUTDOWN",
          "BLOCKED",
          "FAILED",
          "ERROR",
          "VANISHED",
          "DELETED");

  private InstanceStatuses() {}
}
