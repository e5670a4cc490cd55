package dev.trovekeeper.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trovekeeper.inventory.Target;
import dev.trovekeeper.inventory.TargetKind;
import java.time.Instant;

/**
 * A run and its progress as the API shows it (also each event of the progress stream).
 *
 * @param id the run's public id (a random UUID)
 * @param instanceId Trove instance id of the run's target (absent for a dataset's run)
 * @param datasetId the dataset's id, for a run of a dataset (absent otherwise)
 * @param backupId Trove backup id, once Trove has one
 * @param etaAt estimated end, while running
 * @param progress the executor's counts, e.g. of a dataset backup: {@code entity}, {@code records},
 *     {@code recordsTotal}, {@code mediaDownloaded}, {@code mediaDeduplicated}, {@code
 *     mediaBytesUploaded}, {@code bytesWritten}, {@code sourceRequests}, {@code source429s}, {@code
 *     sourceWaits}; absent when it reports none
 * @param restore what a restore or drill run restored and measured (null for a backup run, and in
 *     lists)
 */
public record RunResponse(
    String id,
    @JsonInclude(JsonInclude.Include.NON_NULL) String instanceId,
    @JsonInclude(JsonInclude.Include.NON_NULL) String datasetId,
    Operation operation,
    RunTrigger trigger,
    BackupType backupType,
    RunState state,
    String phase,
    int percent,
    Instant etaAt,
    JsonNode progress,
    int attempts,
    String reasonCode,
    String reason,
    String backupId,
    Instant slotAt,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    Instant updatedAt,
    RestoreView restore) {

  /** The run of {@code target} (null when the target is unknown). */
  public static RunResponse of(Run run, Target target) {
    boolean dataset = target != null && target.kind == TargetKind.DATASET;
    String id = target == null ? null : target.externalId;
    return new RunResponse(
        run.publicId,
        dataset ? null : id,
        dataset ? id : null,
        run.operation,
        run.trigger,
        run.backupType,
        run.state,
        run.progressPhase,
        run.progressPercent,
        run.etaAt,
        details(run.progressDetails),
        run.attempts,
        run.reasonCode,
        run.reason,
        run.externalBackupId,
        run.slotAt,
        run.createdAt,
        run.startedAt,
        run.finishedAt,
        run.updatedAt,
        null);
  }

  /** This run with what its restore did. */
  RunResponse withRestore(RestoreView view) {
    return view == null
        ? this
        : new RunResponse(
            id,
            instanceId,
            datasetId,
            operation,
            trigger,
            backupType,
            state,
            phase,
            percent,
            etaAt,
            progress,
            attempts,
            reasonCode,
            reason,
            backupId,
            slotAt,
            createdAt,
            startedAt,
            finishedAt,
            updatedAt,
            view);
  }

  /**
   * Whether the state is final (SUCCEEDED, FAILED, SKIPPED, CANCELLED): no more progress follows.
   */
  static boolean finished(RunResponse run) {
    return run.state == RunState.SUCCEEDED
        || run.state == RunState.FAILED
        || run.state == RunState.SKIPPED
        || run.state == RunState.CANCELLED;
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode details(String json) {
    if (json == null) {
      return null;
    }
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      return null; // written by this service only; unreadable means absent, never a 500
    }
  }
}
