package dev.trovekeeper.operator;

import java.time.Instant;
import java.util.List;

/**
 * The run queue.
 *
 * @param queueDepth runs PENDING and due now
 * @param waitingForSlot of those, runs not yet admitted (waiting for a concurrency slot, or for a
 *     pause to end)
 * @param delayed runs PENDING with a retry not yet due
 * @param active runs holding a concurrency slot (admitted and not finished)
 * @param recentFailures the 50 most recent FAILED runs, newest first
 * @param recentSkipped the 50 most recent SKIPPED runs (e.g. instance not ACTIVE), newest first
 * @param quarantinedSchedules schedules the engine set aside because firing them failed (they stay
 *     aside until their policy changes), newest first
 */
public record QueueReport(
    Instant generatedAt,
    boolean fleetPaused,
    long queueDepth,
    long waitingForSlot,
    long delayed,
    long active,
    List<FailedRun> recentFailures,
    List<FailedRun> recentSkipped,
    List<QuarantinedSchedule> quarantinedSchedules) {

  /** The schedule of an instance that could not be fired, and why. */
  public record QuarantinedSchedule(
      String projectId, String instanceId, String reason, Instant quarantinedAt) {}

  /**
   * One failed (or skipped) run and why; {@code runId} is its public id, as in {@code /v1/runs}.
   */
  public record FailedRun(
      String runId,
      String projectId,
      String instanceId,
      String instanceName,
      String trigger,
      int attempts,
      String reasonCode,
      String reason,
      Instant finishedAt) {}
}
