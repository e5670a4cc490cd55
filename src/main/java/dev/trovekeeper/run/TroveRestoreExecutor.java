package dev.trovekeeper.run;

import dev.trovekeeper.inventory.Target;
import dev.trovekeeper.inventory.TargetKind;
import dev.trovekeeper.trove.TroveBackup;
import dev.trovekeeper.trove.TroveClient;
import dev.trovekeeper.trove.TroveException;
import dev.trovekeeper.trove.TroveFault;
import dev.trovekeeper.trove.TroveInstance;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * One step of a restore (or a restore drill) of a Trove backup into a new instance. PENDING: admit
 * under the limits, check the backup is still COMPLETED, size the new instance like the source (a
 * drill: the smallest flavor), then POST {@code instances} with {@code restorePoint} under a name
 * unique per attempt (stored before the POST, so a run resumed after a timeout or crash looks its
 * instance up instead of creating a second one). REQUESTED and RUNNING: poll the new instance until
 * ACTIVE; the restore time is the POST to ACTIVE. A drill then deletes its throwaway instance.
 */
@ApplicationScoped
public class TroveRestoreExecutor implements RunExecutor {

  private final RunStore store;
  private final TroveClient trove;
  private final Admission admission;
  private final RunOutcomes runOutcomes;
  private final RestoreOutcomes outcomes;
  private final RestoreConfig config;
  private final RunConfig runConfig;
  private final Clock clock;

  TroveRestoreExecutor(
      RunStore store,
      TroveClient trove,
      Admission admission,
      RunOutcomes runOutcomes,
      RestoreOutcomes outcomes,
      RestoreConfig config,
      RunConfig runConfig,
      Clock clock) {
    this.store = store;
    this.trove = trove;
    this.admission = admission;
    this.runOutcomes = runOutcomes;
    this.outcomes = outcomes;
    this.config = config;
    this.runConfig = runConfig;
    this.clock = clock;
  }

  @Override
  public boolean handles(TargetKind kind, Operation operation) {
    return kind == TargetKind.TROVE_INSTANCE
        && (operation == Operation.RESTORE || operation == Operation.DRILL);
  }

  @Override
  public void step(Run run, Target target, RunLease lease) {
    Restore restore = outcomes.read(run.id);
    try {
      if (restore.newInstanceId == null) {
        start(run, target, restore, lease);
      } else if (restore.activeAt != null) {
        deleteThrowaway(restore, lease, null, null);
      } else {
        follow(run, target, restore, lease);
      }
    } catch (TroveException e) {
      refused(lease, e);
    }
  }

  private void start(Run run, Target target, Restore restore, RunLease lease) {
    if (!admission.tryAdmit(run.id)) {
      runOutcomes.waitForSlot(run, lease);
      return;
    }
    Run attempt = store.update(lease, runOutcomes::recordAttempt);
    if (restore.instanceName != null && resumeByName(attempt, target, restore, lease)) {
      return;
    }
    String backupId = outcomes.backupExternalId(restore);
    TroveBackup backup;
    try {
      backup = trove.getBackup(target.projectId, backupId);
    } catch (TroveException e) {
      if (e.fault() == TroveFault.NOT_FOUND) {
        outcomes.fail(lease, "BACKUP_MISSING", "backup " + backupId + " is gone", null);
        return;
      }
      throw e;
    }
    if (!backup.completed()) {
      outcomes.fail(
          lease, "BACKUP_NOT_COMPLETED", "backup " + backupId + " is " + backup.status(), null);
      return;
    }
    String flavor = restore.flavorRef;
    Integer volume = restore.volumeSize;
    if (flavor == null || volume == null) {
      TroveClient.InstanceSize source = trove.getInstanceSize(target.projectId, target.externalId);
      if (flavor == null) {
        flavor =
            restore.drill
                ? trove.listFlavors(target.projectId).stream()
                    .findFirst()
                    .map(TroveClient.Flavor::id)
                    .orElse(source.flavorId())
                : source.flavorId();
      }
      if (volume == null) {
        volume = source.volumeSize();
      }
    }
    String name = RestoreNames.of(restore, target.name, run.id, attempt.attempts);
    outcomes.recordIntent(lease, name, flavor, volume);
    java.time.Instant asked = clock.instant();
    TroveInstance created;
    try {
      created = trove.createInstanceFromBackup(target.projectId, name, flavor, volume, backupId);
    } catch (TroveException e) {
      switch (e.fault()) {
        case NOT_FOUND ->
            outcomes.fail(
                lease, "BACKUP_MISSING", "Trove has no backup " + backupId, e.getMessage());
        case INVALID, FORBIDDEN, QUOTA_EXCEEDED ->
            outcomes.fail(lease, "RESTORE_REFUSED", "Trove refused the restore", e.getMessage());
        default -> throw e;
      }
      return;
    }
    outcomes.requested(lease, created.id(), asked);
  }

  /** A POST may have been sent before a timeout or crash: adopt the instance if Trove has it. */
  private boolean resumeByName(Run run, Target target, Restore restore, RunLease lease) {
    Optional<TroveInstance> existing =
        trove.findInstanceByName(target.projectId, restore.instanceName);
    if (existing.isEmpty() || !RestoreNames.ofRun(restore, run.id, existing.get().name())) {
      return false;
    }
    outcomes.requested(lease, existing.get().id(), clock.instant());
    return true;
  }

  private void follow(Run run, Target target, Restore restore, RunLease lease) {
    TroveInstance instance;
    try {
      instance = trove.getInstance(target.projectId, restore.newInstanceId);
    } catch (TroveException e) {
      if (e.fault() == TroveFault.NOT_FOUND) {
        outcomes.fail(
            lease, "INSTANCE_VANISHED", "instance " + restore.newInstanceId + " is gone", null);
        return;
      }
      if (e.fault().retryable()) {
        outcomes.pollLater(lease, "unreachable");
        return;
      }
      throw e;
    }
    switch (instance.status()) {
      case "ACTIVE" -> {
        Run after = outcomes.active(lease);
        if (restore.drill && after.state != RunState.SUCCEEDED) {
          deleteThrowaway(outcomes.read(run.id), lease, null, null);
        }
      }
      case "ERROR" -> {
        String fault = instance.fault() == null ? "status ERROR" : instance.fault().message();
        end(restore, lease, "RESTORE_ERROR", "the restored instance went to ERROR", fault);
      }
      default -> {
        Duration waited = Duration.between(restore.postedAt, clock.instant());
        if (waited.compareTo(config.timeout()) > 0) {
          end(
              restore,
              lease,
              "RESTORE_TIMEOUT",
              "the restored instance is still " + instance.status() + " after " + waited,
              null);
        } else {
          outcomes.pollLater(lease, instance.status());
        }
      }
    }
  }

  /** Ends a restore that failed; a drill deletes its throwaway instance first. */
  private void end(Restore restore, RunLease lease, String code, String reason, String fault) {
    if (restore.drill) {
      deleteThrowaway(restore, lease, code, reason + (fault == null ? "" : ": " + fault));
      return;
    }
    outcomes.fail(lease, code, reason, fault);
  }

  /**
   * Deletes a drill's throwaway instance; the drill then ends verified (or failed with {@code
   * failCode}). A delete Trove cannot take now is retried on the next step.
   */
  private void deleteThrowaway(Restore restore, RunLease lease, String failCode, String reason) {
    try {
      trove.deleteInstance(restore.projectId, restore.newInstanceId);
    } catch (TroveException e) {
      if (e.fault() != TroveFault.NOT_FOUND) {
        if (e.fault().retryable()) {
          retry(lease, "DELETE_RETRY", e);
          return;
        }
        outcomes.fail(
            lease,
            "DRILL_CLEANUP_FAILED",
            "could not delete throwaway instance " + restore.newInstanceId,
            e.getMessage());
        return;
      }
    }
    if (failCode == null) {
      outcomes.verified(lease);
    } else {
      outcomes.instanceDeleted(lease.runId());
      outcomes.fail(lease, failCode, reason, null);
    }
  }

  /** Trove refused or did not answer a call of the start: retry what heals, end the rest. */
  private void refused(RunLease lease, TroveException e) {
    switch (e.fault()) {
      case BUSY, RATE_LIMITED, TRANSIENT -> retry(lease, "TROVE_" + e.fault().name(), e);
      case NOT_FOUND ->
          outcomes.fail(lease, "SOURCE_GONE", "the source instance is gone", e.getMessage());
      default -> outcomes.fail(lease, e.fault().name(), "Trove refused", e.getMessage());
    }
  }

  /**
   * Tries again after a backoff while attempts remain ({@code keeper.run.max-attempts}); then the
   * restore fails with {@code restore.failed} (never the backup events of {@link RunOutcomes}).
   */
  private void retry(RunLease lease, String code, TroveException e) {
    Run current = store.read(lease.runId());
    if (current.attempts >= runConfig.maxAttempts()) {
      outcomes.fail(lease, "GAVE_UP", "after " + current.attempts + " attempts", e.getMessage());
      return;
    }
    runOutcomes.retryLater(current, lease, code, e.getMessage(), e.retryAfter().orElse(null));
  }
}
