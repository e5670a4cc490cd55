package dev.trovekeeper.run;

import java.time.Instant;

/**
 * A run and its progress as the API shows it (also each event of the progress stream).
 *
 * @param id the run's public id (a random UUID)
 * @param instanceId Trove instance id of the run's target
 * @param backupId Trove backup id, once Trove has one
 * @param etaAt estimated end, while running
 * @param restore what a restore or drill run restored and measured (null for a backup run, and in
 *     lists)
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
            operation,
            trigger,
            backupType,
            state,
            phase,
            percent,
            etaAt,
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
}
