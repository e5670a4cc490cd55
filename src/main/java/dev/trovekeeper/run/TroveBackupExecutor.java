package dev.trovekeeper.run;

import dev.trovekeeper.inventory.InventoryService;
import dev.trovekeeper.inventory.Target;
import dev.trovekeeper.inventory.TargetKind;
import dev.trovekeeper.policy.Policy;
import dev.trovekeeper.policy.PolicyService;
import dev.trovekeeper.trove.BackupKind;
import dev.trovekeeper.trove.TroveBackup;
import dev.trovekeeper.trove.TroveClient;
import dev.trovekeeper.trove.TroveException;
import dev.trovekeeper.trove.TroveFault;
import dev.trovekeeper.trove.TroveInstance;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Optional;

/**
 * One step of a Trove backup run. PENDING: admit under the limits, check the instance is ACTIVE,
 * plan full or incremental, then POST the backup named {@code tk-<runId>} (the name is stored
 * before the POST, so a run resumed after a crash looks its backup up instead of posting again).
 * REQUESTED and RUNNING: poll the backup with growing pauses until it ends. Refusals are retried
 * with backoff up to the attempt limit; what cannot succeed ends SKIPPED or FAILED with a reason.
 */
@ApplicationScoped
public class TroveBackupExecutor implements RunExecutor {

  private final RunStore store;
  private final PolicyService policies;
  private final TroveClient trove;
  private final Admission admission;
  private final RunOutcomes outcomes;
  private final QuotaRelief quotaRelief;
  private final RunConfig config;
  private final Clock clock;
  private final SupersededSlots slots;
  private final InventoryService inventory;

  TroveBackupExecutor(
      RunStore store,
      PolicyService policies,
      TroveClient trove,
      Admission admission,
      RunOutcomes outcomes,
      QuotaRelief quotaRelief,
      RunConfig config,
      Clock clock,
      SupersededSlots slots,
      InventoryService inventory) {
    this.store = store;
    this.policies = policies;
    this.trove = trove;
    this.admission = admission;
    this.outcomes = outcomes;
    this.quotaRelief = quotaRelief;
    this.config = config;
    this.clock = clock;
    this.slots = slots;
    this.inventory = inventory;
  }

  @Override
  public boolean handles(TargetKind kind, Operation operation) {
    return kind == TargetKind.TROVE_INSTANCE && operation == Operation.BACKUP;
  }

  /** Advances the Trove backup run held by {@code lease} by one step and releases it. */
  @Override
  public void step(Run run, Target target, RunLease lease) {
    try {
      if (run.state == RunState.PENDING) {
        start(run, target, lease);
      } else {
        follow(run, target, lease);
      }
    } catch (TroveException e) {
      outcomes.refused(lease, e);
    }
  }

  /**
   * Every start counts as an attempt before the first Trove call, so whichever call Trove refuses
   * (instance, lookup by name, POST), the attempt limit ends the run. A first attempt on an
   * instance the inventory knows ACTIVE posts at once: Trove refuses a backup of an instance that
   * is not ready (422) anyway, and only then is the instance read to tell why.
   */
  private void start(Run run, Target target, RunLease lease) {
    // Without a backup name no POST can be in flight; with one, only after the lookup below.
    if (run.backupName == null && slots.skipIfSuperseded(run, target, lease)) {
      return;
    }
    if (!admission.tryAdmit(run.id)) {
      outcomes.waitForSlot(run, lease);
      return;
    }
    Run attempt = store.update(lease, outcomes::recordAttempt);
    boolean checked = attempt.backupName != null || !"ACTIVE".equals(target.status);
    String status = checked ? instanceStatus(attempt, target, lease) : target.status;
    if (status == null) {
      return;
    }
    if (attempt.backupName != null
        && (resumeByName(attempt, target, lease)
            || slots.skipIfSuperseded(attempt, target, lease))) {
      return;
    }
    if ("BACKUP".equals(status)) {
      throw new TroveException(TroveFault.BUSY, "a backup is already running on the instance");
    }
    BackupPlan plan = plan(attempt, target);
    // The fence: nothing is posted unless this lease still holds the run (same transaction).
    Run intent = store.recordIntent(lease, config.lease(), outcomes::recordIntent);
    TroveBackup backup;
    try {
      backup = postOrMakeRoom(target, intent, plan);
    } catch (TroveException e) {
      if (plan.type() == BackupType.INCREMENTAL && e.fault() == TroveFault.NOT_FOUND) {
        // Trove refuses a parent it no longer has (deleted behind the service's back) with 404
        // before creating anything: take a full instead. A gone instance fails this one too.
        plan = BackupPlan.full("parent backup " + plan.parentExternalId() + " is missing");
        backup = postOrMakeRoom(target, intent, plan);
      } else if (!checked && e.fault() == TroveFault.BUSY) {
        // 422: busy or not ready. Only now is the instance read, to skip one that is down.
        if (instanceStatus(attempt, target, lease) == null) {
          return;
        }
        throw e;
      } else {
        throw e;
      }
    }
    outcomes.requested(intent, lease, backup, plan);
  }

  /**
   * Reads the instance and records its status on the target: ACTIVE or BACKUP (a backup running) is
   * answered, anything else ends the run SKIPPED and answers null (the run was released).
   */
  private String instanceStatus(Run attempt, Target target, RunLease lease) {
    TroveInstance instance = trove.getInstance(target.projectId, target.externalId);
    if (!instance.status().equals(target.status)) {
      inventory.recordStatus(target.id, instance.status());
    }
    if (!"BACKUP".equals(instance.status()) && !"ACTIVE".equals(instance.status())) {
      // SHUTDOWN, ERROR, BUILD...: Trove would refuse the POST (422 "not ready") every time.
      outcomes.skip(
          attempt, lease, "INSTANCE_NOT_ACTIVE", "instance status is " + instance.status());
      return null;
    }
    return instance.status();
  }

  private TroveBackup postOrMakeRoom(Target target, Run intent, BackupPlan plan) {
    try {
      return post(target, intent, plan);
    } catch (TroveException e) {
      // At the quota nothing would ever succeed again: make room first, then post once more; if
      // no room can be made the refusal stands and the run ends FAILED QUOTA_EXCEEDED.
      if (e.fault() != TroveFault.QUOTA_EXCEEDED) {
        throw e;
      }
      if (!quotaRelief.makeRoom(target.projectId)) {
        throw new TroveException(
            TroveFault.QUOTA_EXCEEDED,
            "the project holds its Trove backup quota and retention may delete none of its"
                + " backups (each is the newest good one of its instance or needed by a newer"
                + " incremental): raise the quota or lower the policy's retention ("
                + e.getMessage()
                + ")");
      }
      return post(target, intent, plan);
    }
  }

  private TroveBackup post(Target target, Run intent, BackupPlan plan) {
    return trove.createBackup(
        target.projectId,
        target.externalId,
        intent.backupName,
        "trove-keeper " + intent.trigger.name().toLowerCase() + " run " + intent.id,
        plan.type() == BackupType.FULL ? BackupKind.FULL : BackupKind.INCREMENTAL,
        plan.parentExternalId());
  }

  /**
   * A POST may have been sent before a crash or timeout: adopt the backup if Trove has it. Every
   * name this run has posted under counts, not only the last one: a POST that timed out may land in
   * Trove after the next attempt's lookup missed it, and must still be the run's one backup.
   * Backups that ended FAILED are never adopted (the run has moved on from them).
   */
  private boolean resumeByName(Run run, Target target, RunLease lease) {
    Optional<TroveBackup> existing =
        trove.findBackup(
            target.projectId,
            target.externalId,
            b -> BackupNames.ofRun(run.id, b.name()) && !BackupNames.ended(b.status()));
    existing.ifPresent(backup -> outcomes.requested(run, lease, backup, null));
    return existing.isPresent();
  }

  /**
   * Full or incremental by the policy. The parent is the newest backup the service itself saw
   * COMPLETED, so it is not read again from Trove: a parent deleted behind the service's back is
   * refused by the POST (404), and the run then takes a full.
   */
  private BackupPlan plan(Run run, Target target) {
    Policy policy = run.policyId == null ? null : policies.effective(target).orElse(null);
    return ChainPlanner.plan(
        policy == null ? null : policy.fullIntervalDays,
        policy == null ? null : policy.maxChainLength,
        store.liveArtifacts(target.id),
        target.chainResetAt,
        clock.instant());
  }

  private void follow(Run run, Target target, RunLease lease) {
    if (run.externalBackupId == null) {
      // REQUESTED without an id cannot happen; treat like a resumed POST
      if (!resumeByName(run, target, lease)) {
        outcomes.retryLater(run, lease, "BACKUP_LOST", "backup id unknown, posting again");
      }
      return;
    }
    TroveBackup backup;
    try {
      backup = trove.getBackup(target.projectId, run.externalBackupId);
    } catch (TroveException e) {
      if (e.fault() == TroveFault.NOT_FOUND) {
        outcomes.fail(run, lease, "BACKUP_VANISHED", "backup " + run.externalBackupId + " is gone");
        return;
      }
      outcomes.pollRefused(run, lease, e);
      return;
    }
    switch (backup.status()) {
      case "COMPLETED" -> outcomes.succeeded(run, lease, backup);
      case "FAILED" -> outcomes.backupFailed(run, lease, backup);
      case "NEW", "BUILDING", "SAVING" -> outcomes.pollLater(run, lease, backup);
      default ->
          outcomes.fail(
              run, lease, "UNEXPECTED_STATUS", "backup " + backup.id() + " is " + backup.status());
    }
  }
}
