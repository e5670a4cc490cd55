package dev.trovekeeper.trove;

import java.time.Instant;
import java.util.Set;

/**
 * A Trove backup as the service needs it.
 *
 * @param parentId the parent of an incremental backup, null for a full one
 * @param status NEW, BUILDING, SAVING, COMPLETED, FAILED, DELETE_FAILED or RESTORED
 * @param sizeGb size in GB, null until the backup is done
 * @param locationRef where Trove stored it, null until done
 */
public record TroveBackup(
    String id,
    String name,
    String instanceId,
    String projectId,
    String parentId,
    String status,
    Double sizeGb,
    Instant created,
    Instant updated,
    String locationRef) {

  private static final Set<String> RUNNING = Set.of("NEW", "BUILDING", "SAVING");

  /** NEW, BUILDING or SAVING: Trove is still working on it. */
  public boolean running() {
    return RUNNING.contains(status);
  }

  public boolean completed() {
    return "COMPLETED".equals(status);
  }
}
