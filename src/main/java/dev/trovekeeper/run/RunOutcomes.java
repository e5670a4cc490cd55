package dev.trovekeeper.run;

import dev.trovekeeper.events.BackupMetrics;
import dev.trovekeeper.events.EventService;
import dev.trovekeeper.events.EventTypes;
import dev.trovekeeper.trove.TroveBackup;
import dev.trovekeeper.trove.TroveException;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The transitions of a run's state machine, each one short transaction that also records the
 * artifact and the outgoing event, and gives the run's claim back.
 */
@ApplicationScoped
public class RunOutcomes {

  private final RunStore store;
  private final EventService events;
  private final BackupMetrics metrics;
  private final Event<BackupSucceeded> succeededEvents;
  private final RunConfig config;
  private final Clock clock;
  private final BackupDurations durations;

  RunOutcomes(
      RunStore store,
      EventService events,
      BackupMetrics metrics,
      Event<BackupSucceeded> succeededEvents,
      RunConfig config,
      Clock clock,
      BackupDurations durations) {
    this.durations = durations;
    this.store = store;
    this.events = events;
    this.metrics = metrics;
    this.succeededEvents = succeededEvents;
    this.config = config;
    this.clock = clock;
  }

  /** About to ask Trove for a backup: the name the backup will carry (unique per attempt). */
  void recordIntent(Run run) {
    run.backupName = BackupNames.of(run.id, run.attempts);
    run.progressPhase = "requesting backup";
  }

  /**
   * About to talk to Trove (or a dataset's source) to start a backup: every such attempt counts,
   * whatever fails.
   */
  public void recordAttempt(Run run) {
    run.attempts++;
    run.progressPhase = "checking instance";
  }

  /**
   * An admitted run that does its work in this one step (dataset backups, migrations) starts: the
   * attempt counts, the run is RUNNING in {@code phase}. Answers the run as stored.
   */
  public Run startWork(RunLease lease, String phase) {
    return store.update(
        lease,
        r -> {
          recordAttempt(r);
          r.state = RunState.RUNNING;
          r.progressPhase = phase;
          r.progressPercent = Math.max(r.progressPercent, 1);
        });
  }

  void requested(Run run, RunLease lease, TroveBackup backup, BackupPlan plan) {
    store.release(
        lease,
        r -> {
          r.externalBackupId = backup.id();
          r.parentExternalId = backup.parentId();
          r.backupType = backup.parentId() == null ? BackupType.FULL : BackupType.INCREMENTAL;
          if (plan != null && plan.fallbackReason() != null) {
            r.reasonCode = "FULL_FALLBACK";
            r.reason = plan.fallbackReason();
          }
          store.artifact(r, backup.id(), backup.parentId(), backup.created());
          Optional<Duration> typical =
              store.typicalDuration(r.targetId).or(() -> durations.typical(r.projectId));
          progress(r, backup, typical);
          r.nextAttemptAt = firstPoll(r, typical);
        });
  }

  /** A status poll was refused: keep polling what may heal, end the run on what cannot. */
  void pollRefused(Run run, RunLease lease, TroveException e) {
    if (e.fault().retryable()) {
      pollLater(run, lease, null);
    } else {
      fail(run, lease, "POLL_" + e.fault().name(), e.getMessage());
    }
  }

  void pollLater(Run run, RunLease lease, TroveBackup backup) {
    store.release(
        lease,
        r -> {
          if (backup != null) {
            progress(r, backup, Optional.empty());
            store.artifact(r, backup.id(), backup.parentId(), backup.created()).status =
                backup.status();
          }
          r.nextAttemptAt = clock.instant().plus(pollDelay(r));
        });
  }

  void succeeded(Run run, RunLease lease, TroveBackup backup) {
    Run done =
        store.release(
            lease,
            r -> {
              Artifact artifact =
                  store.artifact(r, backup.id(), backup.parentId(), backup.created());
              artifact.status = "COMPLETED";
              artifact.sizeBytes =
                  backup.sizeGb() == null ? null : (long) (backup.sizeGb() * 1024 * 1024 * 1024);
              artifact.location = backup.locationRef();
              artifact.completedAt = clock.instant();
              artifact.updatedAt = artifact.completedAt;
              finish(r, RunState.SUCCEEDED, "done");
              r.progressPercent = 100;
              events.record(EventTypes.BACKUP_SUCCEEDED, subject(r), r.projectId, data(r));
            });
    countFinished(done);
    if (done.startedAt != null && done.finishedAt != null) {
      durations.record(done.projectId, Duration.between(done.startedAt, done.finishedAt));
    }
    succeededEvents.fire(new BackupSucceeded(done.targetId, done.id));
  }

  /**
   * A backup the service wrote itself (a dataset archive) is complete: records its artifact
   * COMPLETED with {@code artifact}'s fields and ends the run SUCCEEDED with the same event as a
   * Trove backup. Call only once the backup is durable (the archive's manifest is written).
   *
   * @param details the run's final progress counts as JSON, or null to keep the last ones
   */
  public void stored(Run run, RunLease lease, StoredArtifact artifact, String details) {
    Run done =
        store.release(
            lease,
            r -> {
              r.externalBackupId = artifact.externalId();
              Artifact a = store.artifact(r, artifact.externalId(), null, artifact.createdAt());
              a.status = "COMPLETED";
              a.sizeBytes = artifact.sizeBytes();
              a.location = artifact.location();
              a.completedAt = clock.instant();
              a.updatedAt = a.completedAt;
              if (details != null) {
                r.progressDetails = details;
              }
              finish(r, RunState.SUCCEEDED, "done");
              r.progressPercent = 100;
              events.record(EventTypes.BACKUP_SUCCEEDED, subject(r), r.projectId, data(r));
            });
    countFinished(done);
    succeededEvents.fire(new BackupSucceeded(done.targetId, done.id));
  }

  /**
   * A started run stopped on its tenant's request: it ends CANCELLED with the {@code
   * backup.cancelled} event (what the executor had written is already removed).
   */
  public void cancelled(Run run, RunLease lease, String details) {
    Run done =
        store.release(
            lease,
            r -> {
              if (details != null) {
                r.progressDetails = details;
              }
              end(r, RunState.CANCELLED, "CANCELLED", "cancelled while running");
              Map<String, Object> data = new HashMap<>();
              data.put("targetId", r.targetId);
              data.put("runId", r.id);
              data.put("trigger", r.trigger.name());
              events.record(EventTypes.BACKUP_CANCELLED, subject(r), r.projectId, data);
            });
    countFinished(done);
  }

  /**
   * Ends a run that makes no backup (a migration) in a final {@code state} with its own event
   * ({@code eventType}, {@code data} plus target and run ids), and gives the run back.
   *
   * @param details the run's final progress counts as JSON, or null to keep the last ones
   */
  public void ended(
      Run run,
      RunLease lease,
      RunState state,
      String code,
      String reason,
      String eventType,
      Map<String, Object> data,
      String details) {
    if (state != RunState.SUCCEEDED) {
      Log.warnf("Run %d of target %d ended %s: %s %s", run.id, run.targetId, state, code, reason);
    }
    Run done =
        store.release(
            lease,
            r -> {
              if (details != null) {
                r.progressDetails = details;
              }
              end(r, state, code, reason);
              if (state == RunState.SUCCEEDED) {
                r.progressPercent = 100;
              }
              Map<String, Object> payload = new HashMap<>(data);
              payload.put("targetId", r.targetId);
              payload.put("runId", r.id);
              events.record(eventType, subject(r), r.projectId, payload);
            });
    countFinished(done);
  }

  /** The backup ended FAILED in Trove: try a new one while attempts remain. */
  void backupFailed(Run run, RunLease lease, TroveBackup backup) {
    String reason = "Trove backup " + backup.id() + " ended FAILED";
    if (run.attempts >= config.maxAttempts()) {
      fail(run, lease, "BACKUP_FAILED", reason);
      return;
    }
    store.release(
        lease,
        r -> {
          store.artifact(r, backup.id(), backup.parentId(), backup.created()).status = "FAILED";
          r.state = RunState.PENDING;
          r.externalBackupId = null;
          r.backupName = null; // the next attempt posts a new backup under a new name
          r.reasonCode = "BACKUP_FAILED";
          r.reason = reason + ", trying again";
          r.nextAttemptAt = clock.instant().plus(backoff(r.attempts));
        });
  }

  /** Trove refused or did not answer: retry what can be retried, end the rest. */
  void refused(RunLease lease, TroveException e) {
    Run run = store.read(lease.runId());
    switch (e.fault()) {
      case BUSY -> retryLater(run, lease, "TROVE_BUSY", e.getMessage());
      // Retry-After, or for a POST that timed out the time it may still take to land in Trove.
      case RATE_LIMITED ->
          retryLater(run, lease, "RATE_LIMITED", e.getMessage(), e.retryAfter().orElse(null));
      case TRANSIENT ->
          retryLater(run, lease, "TROVE_UNAVAILABLE", e.getMessage(), e.retryAfter().orElse(null));
      case NOT_FOUND -> skip(run, lease, "TARGET_GONE", e.getMessage());
      case QUOTA_EXCEEDED -> fail(run, lease, "QUOTA_EXCEEDED", e.getMessage());
      default -> fail(run, lease, e.fault().name(), e.getMessage());
    }
  }

  /**
   * Releases the run to try again after a backoff that grows with its attempts; at the attempt
   * limit it ends FAILED {@code GAVE_UP} instead.
   */
  public void retryLater(Run run, RunLease lease, String code, String reason) {
    retryLater(run, lease, code, reason, null);
  }

  /** As {@link #retryLater(Run, RunLease, String, String)}, waiting at least {@code atLeast}. */
  void retryLater(Run run, RunLease lease, String code, String reason, Duration atLeast) {
    if (run.attempts >= config.maxAttempts()) {
      fail(run, lease, "GAVE_UP", "after " + run.attempts + " attempts: " + reason);
      return;
    }
    store.release(
        lease,
        r -> {
          r.reasonCode = code;
          r.reason = reason;
          r.progressPhase = "waiting to retry";
          Duration wait = backoff(Math.max(1, r.attempts));
          if (atLeast != null && atLeast.compareTo(wait) > 0) {
            wait = atLeast;
          }
          r.nextAttemptAt = clock.instant().plus(wait);
        });
  }

  /** The admission limits are full: releases the run to ask again shortly. */
  public void waitForSlot(Run run, RunLease lease) {
    store.release(
        lease,
        r -> {
          r.progressPhase = "waiting for a free slot";
          r.nextAttemptAt = clock.instant().plus(config.admissionRetryDelay());
        });
  }

  /** Ends the run SKIPPED with a reason (nothing wrong, nothing to do). */
  public void skip(Run run, RunLease lease, String code, String reason) {
    Log.warnf("Run %d of target %d skipped: %s %s", run.id, run.targetId, code, reason);
    Run done = store.release(lease, r -> end(r, RunState.SKIPPED, code, reason));
    countFinished(done);
  }

  /**
   * A step ended in an unexpected error: try again soon (not after the lease), up to {@code
   * max-step-failures} times, then end the run FAILED with the error as its reason.
   */
  void crashed(RunLease lease, RuntimeException e) {
    Optional<String> state =
        store.recordCrash(
            lease,
            e.toString(),
            config.maxStepFailures(),
            clock.instant().plus(config.retryBaseDelay()));
    if (state.filter("FAILED"::equals).isPresent()) {
      Log.errorf(
          "Run %d failed after %d step errors: %s",
          lease.runId(), config.maxStepFailures(), e.toString());
    }
  }

  /** Ends the run FAILED with a reason and the {@code backup.failed} event. */
  public void fail(Run run, RunLease lease, String code, String reason) {
    Log.warnf("Run %d of target %d failed: %s %s", run.id, run.targetId, code, reason);
    Run done =
        store.release(
            lease,
            r -> {
              end(r, RunState.FAILED, code, reason);
              Map<String, Object> data = data(r);
              data.put("reasonCode", code);
              data.put("reason", reason);
              events.record(EventTypes.BACKUP_FAILED, subject(r), r.projectId, data);
            });
    countFinished(done);
  }

  private void end(Run run, RunState state, String code, String reason) {
    run.reasonCode = code;
    run.reason = truncate(reason);
    finish(run, state, state.name().toLowerCase());
  }

  private void finish(Run run, RunState state, String phase) {
    run.state = state;
    run.progressPhase = phase;
    run.finishedAt = clock.instant();
    run.nextAttemptAt = null;
    run.etaAt = null;
  }

  /**
   * Polls cost Trove calls: the first one is made when the backup is expected to be done (the
   * target's typical duration), not on a fixed rhythm; without a history, after the base delay.
   */
  private Instant firstPoll(Run run, Optional<Duration> typical) {
    Instant soonest = clock.instant().plus(config.pollBaseDelay());
    if (typical.isEmpty() || run.startedAt == null) {
      return soonest;
    }
    Instant expected = run.startedAt.plus(typical.get());
    return expected.isAfter(soonest) ? expected : soonest;
  }

  private void progress(Run run, TroveBackup backup, Optional<Duration> typicalNow) {
    Instant now = clock.instant();
    run.state = "NEW".equals(backup.status()) ? RunState.REQUESTED : RunState.RUNNING;
    run.progressPhase = "trove: " + backup.status().toLowerCase();
    Instant started = run.startedAt == null ? now : run.startedAt;
    // The expected duration is read once, when the ETA is first set; later polls reuse it.
    Duration typical =
        run.etaAt != null
            ? Duration.between(started, run.etaAt)
            : typicalNow
                .or(() -> store.typicalDuration(run.targetId))
                .orElse(Duration.ofMinutes(2));
    run.etaAt = started.plus(typical);
    long elapsed = Duration.between(started, now).toMillis();
    int estimate = (int) Math.min(95, 100 * elapsed / Math.max(1, typical.toMillis()));
    run.progressPercent = Math.max(run.state == RunState.REQUESTED ? 5 : 10, estimate);
  }

  /**
   * A backup still running past its expected end: the pause grows with the time it has taken (half
   * of it, so at most a few polls per doubling of the duration), between the base and the maximum
   * delay.
   */
  private Duration pollDelay(Run run) {
    Instant started = run.startedAt == null ? clock.instant() : run.startedAt;
    Duration half = Duration.between(started, clock.instant()).dividedBy(2);
    return clamp(half, config.pollBaseDelay(), config.pollMaxDelay());
  }

  private Duration backoff(int attempt) {
    Duration base = config.retryBaseDelay().multipliedBy(1L << Math.min(20, attempt - 1));
    Duration capped = clamp(base, config.retryBaseDelay(), config.retryMaxDelay());
    double jitter = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
    return Duration.ofMillis((long) (capped.toMillis() * jitter));
  }

  private static String truncate(String reason) {
    return reason == null || reason.length() <= 1000 ? reason : reason.substring(0, 1000);
  }

  private static Duration clamp(Duration value, Duration min, Duration max) {
    return value.compareTo(min) < 0 ? min : value.compareTo(max) > 0 ? max : value;
  }

  private static String subject(Run run) {
    return EventTypes.targetSubject(run.targetId);
  }

  private static Map<String, Object> data(Run run) {
    Map<String, Object> data = new HashMap<>();
    data.put("targetId", run.targetId);
    data.put("runId", run.id);
    data.put("trigger", run.trigger.name());
    data.put("backupType", run.backupType.name());
    if (run.externalBackupId != null) {
      data.put("backupId", run.externalBackupId);
    }
    if (run.slotAt != null) {
      data.put("slot", run.slotAt.toString());
    }
    return data;
  }

  /** Counts a run that reached a final state; a run still going is not counted. */
  private void countFinished(Run done) {
    if (done.state == RunState.SUCCEEDED
        || done.state == RunState.FAILED
        || done.state == RunState.SKIPPED) {
      metrics.runFinished(done.state.name(), done.projectId);
    }
  }
}
