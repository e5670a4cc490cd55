package dev.trovekeeper.archive;

import java.util.Objects;
import java.util.UUID;

/**
 * Which archive: one backup of one dataset of one project. Every part of it is validated, because
 * object keys are built from it.
 *
 * @param projectId the project (see {@link ArchiveKeys#requireProjectId})
 * @param datasetId the dataset's UUID
 * @param backupId the backup's UUID
 */
public record ArchiveId(String projectId, UUID datasetId, UUID backupId) {

  public ArchiveId {
    ArchiveKeys.requireProjectId(projectId);
    Objects.requireNonNull(datasetId, "datasetId");
    Objects.requireNonNull(backupId, "backupId");
  }

  /** Parses ids given as strings; each must be a canonical lower-case UUID. */
  public static ArchiveId of(String projectId, String datasetId, String backupId) {
    return new ArchiveId(
        projectId,
        ArchiveKeys.requireUuid("datasetId", datasetId),
        ArchiveKeys.requireUuid("backupId", backupId));
  }
}
