package dev.trovekeeper.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;

/**
 * A run and its progress as the API shows it (also each event of the progress stream).
 *
 * @param id the run's public id (a random UUID)
 * @param instanceId Trove instance id of the run's target
 * @param backupId Trove backup id, once Trove has one
 * @param etaAt estimated end, while running
 * @param progress the executor's counts, e.g. of a dataset backup: {@code entity}, {@code records},
 *     {@code recordsTotal}, {@code mediaDownloaded}, {@code mediaDeduplicated}, {@code
 *     mediaBytesUploaded}, {@code bytesWritten}, {@code sourceRequests}, {@code source429s}, {@code
 *     sourceWaits}; absent when it reports none
 */
public record RunResponse(
    String id,
    String instanceId,
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
    Instant updatedAt) {

  static RunResponse of(Run run, String instanceId) {
    return new RunResponse(
        run.publicId,
        instanceId,
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
        run.updatedAt);
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

  /**
   * Whether the state is final (SUCCEEDED, FAILED, SKIPPED, CANCELLED): no more progress follows.
   */
  static boolean finished(RunResponse run) {
    return run.state == RunState.SUCCEEDED
        || run.state == RunState.FAILED
        || run.state == RunState.SKIPPED
        || run.state == RunState.CANCELLED;
  }
}
