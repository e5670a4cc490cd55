package dev.trovekeeper.datarestore;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trovekeeper.run.RunState;
import java.time.Instant;

/**
 * A restore of tenant data as {@code GET /v1/dataset-restores/{restoreId}} shows it.
 *
 * @param id the restore's id (its run's id)
 * @param datasetId the dataset
 * @param backupId the backup restored
 * @param safetyRunId the BEFORE_RESTORE backup run it took first (null until queued)
 * @param safetyBackupId the backup that run made (null until it made one)
 * @param state the run's state: SUCCEEDED, PARTIAL (some objects refused), FAILED, ...
 * @param selection what is restored, as asked
 * @param includeAdded whether objects added since the backup are deleted
 * @param counts what was done so far (final once the state is)
 */
public record DataRestoreResponse(
    String id,
    String datasetId,
    String backupId,
    String safetyRunId,
    String safetyBackupId,
    RunState state,
    String reasonCode,
    String reason,
    JsonNode selection,
    boolean includeAdded,
    Counts counts,
    Instant createdAt,
    Instant finishedAt) {

  /**
   * @param restored objects written (updated + created + deleted)
   * @param updated changed objects replaced by the backup's
   * @param created removed objects re-created
   * @param deleted objects added since the backup deleted (only with includeAdded)
   * @param unchanged objects of wholly selected entities equal to the backup's
   * @param skipped objects added since the backup, left alone
   * @param failed objects the source refused (in the error log)
   */
  public record Counts(
      long restored,
      long updated,
      long created,
      long deleted,
      long unchanged,
      long skipped,
      long failed) {}
}
