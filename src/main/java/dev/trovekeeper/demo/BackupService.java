package dev.trovekeeper.demo;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Backup use cases with Trove's checks, in Trove's order, and the NEW -> BUILDING -> end run. */
final class BackupService {

  private final RegionState state;
  private final Notifier notifier;
  private final Payloads payloads;
  private final ScheduledExecutorService timer;
  private final DemoRegionSettings settings;
  private final Clock clock;

  BackupService(
      RegionState state,
      Notifier notifier,
      Payloads payloads,
      ScheduledExecutorService timer,
      DemoRegionSettings settings,
      Clock clock) {
    this.state = state;
    this.notifier = notifier;
    this.payloads = payloads;
    this.timer = timer;
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * Trove's backup create: checks in Trove's order, 202 with NEW, then BUILDING and COMPLETED (or
   * FAILED when {@code fails}, or for the BACKUP_FAIL name hook).
   */
  Backup create(Caller caller, BackupRequest request, boolean fails) {
    notifier.api(
        "dbaas.backup_create.start", caller, payloads.backupCreate(caller, "api", request));
    Backup backup;
    try {
      backup = admit(caller, request);
      synchronized (state) {
        backup.failing = fails;
      }
    } catch (TroveException e) {
      var error = Payloads.error(payloads.backupCreate(caller, "api", request), e.getMessage());
      notifier.api("dbaas.backup_create.error", caller, error);
      throw e;
    }
    var end = payloads.backupCreate(caller, "taskmanager", request.withParent(backup.parentId));
    end.put("backup_id", backup.id);
    notifier.taskmanager("dbaas.backup_create.end", caller, end);
    timer.schedule(
        () -> startBuilding(backup), settings.backupStartDelay().toMillis(), TimeUnit.MILLISECONDS);
    return backup;
  }

  private Backup admit(Caller caller, BackupRequest request) {
    synchronized (state) {
      var id = request.instanceId();
      var instance =
          state.instance(caller.projectId(), id).orElseThrow(() -> TroveException.notFound(id));
      var now = clock.instant();
      checkCanPerformAction(instance, now);
      var quota = state.backupQuota(caller.projectId(), settings.backupQuota());
      if (quota >= 0 && state.backupUsage(caller.projectId()) + 1 > quota) {
        throw TroveException.quota();
      }
      var parentId = parentOf(caller, request, instance);
      var backup =
          new Backup(
              UUID.randomUUID().toString(),
              state.nextSeq(),
              instance,
              request.name(),
              request.description(),
              parentId,
              now);
      state.add(backup);
      instance.status = "BACKUP";
      return backup;
    }
  }

  /**
   * Trove's {@code validate_can_perform_action}: 422 unless the instance is ACTIVE and idle; the
   * refusal is kept as the instance's fault (shown by {@code GET instances/{id}}).
   */
  static void checkCanPerformAction(Instance instance, java.time.Instant now) {
    var id = instance.id;
    if (instance.status.equals("BUILD")) {
      instance.fault("Instance " + id + " is not ready.", now);
      throw TroveException.unprocessable(instance.faultMessage);
    }
    String reason;
    if (instance.task == Instance.Task.REBOOTING) {
      reason = "(task status was " + instance.task.name() + ").";
    } else if (!instance.status.equals("ACTIVE")) {
      reason = "(instance status was " + instance.status + ").";
    } else {
      return;
    }
    var text = "Instance " + id + " is not currently available for an action to be performed";
    instance.fault(text + "\n" + reason, now);
    throw TroveException.unprocessable(text + " " + reason);
  }

  private String parentOf(Caller caller, BackupRequest request, Instance instance) {
    if (request.parentId() != null) {
      return state
          .backup(caller.projectId(), request.parentId())
          .map(b -> b.id)
          .orElseThrow(() -> TroveException.notFound(request.parentId()));
    }
    if (!request.incremental()) {
      return null;
    }
    return state.backups(caller.projectId()).stream()
        .filter(b -> b.instanceId.equals(instance.id) && b.status.equals("COMPLETED"))
        .map(b -> b.id)
        .findFirst()
        .orElse(null);
  }

  private void startBuilding(Backup backup) {
    synchronized (state) {
      backup.status = "BUILDING";
      backup.updated = clock.instant();
    }
    timer.schedule(
        () -> finish(backup),
        state.backupBuildDelay(backup.projectId, settings.backupBuildDelay()).toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private void finish(Backup backup) {
    synchronized (state) {
      backup.updated = clock.instant();
      if (backup.fails()) {
        backup.status = "FAILED";
      } else {
        backup.status = "COMPLETED";
        backup.size = 0.14;
        var container = backup.deleteFails() ? "delete_fail" : "database_backups";
        backup.locationRef =
            "http://127.0.0.1:8080/v1/AUTH_fake/" + container + "/" + backup.id + ".xbstream";
      }
      state
          .instance(backup.projectId, backup.instanceId)
          .filter(i -> i.status.equals("BACKUP"))
          .ifPresent(i -> i.status = "ACTIVE");
    }
  }

  /**
   * Deletes the backup and its incremental descendants, as Trove does: the quota units come back at
   * once (one per backup), the backups stay listed unchanged for the delete delay (Trove's
   * taskmanager works in the background), then are gone, or DELETE_FAILED for the DELETE_FAIL name
   * hook; one {@code .end} (or {@code .error}) each, all carrying the deleted id.
   */
  void delete(Caller caller, String id) {
    // Trove looks the backup up before its start notification: an unknown id sends nothing
    state.backup(caller.projectId(), id).orElseThrow(() -> TroveException.notFound(id));
    notifier.api("dbaas.backup_delete.start", caller, payloads.backupId(caller, "api", id));
    List<Backup> doomed;
    try {
      doomed = chainOf(caller, id);
    } catch (TroveException e) {
      var error = Payloads.error(payloads.backupId(caller, "api", id), e.getMessage());
      notifier.api("dbaas.backup_delete.error", caller, error);
      throw e;
    }
    var delay = state.backupDeleteDelay(caller.projectId(), settings.backupDeleteDelay());
    if (delay.isZero()) {
      finishDelete(caller, id, doomed);
    } else {
      timer.schedule(
          () -> finishDelete(caller, id, doomed), delay.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void finishDelete(Caller caller, String id, List<Backup> doomed) {
    for (var backup : doomed) {
      synchronized (state) {
        if (state.backup(backup.projectId, backup.id).isEmpty()) {
          continue; // a second DELETE within the delay already finished it
        }
        if (backup.deleteFails()) {
          backup.status = "DELETE_FAILED";
          backup.updated = clock.instant();
        } else {
          state.remove(backup);
        }
      }
      if (backup.deleteFails()) {
        var error = payloads.backupId(caller, "taskmanager", id);
        notifier.taskmanager(
            "dbaas.backup_delete.error",
            caller,
            Payloads.error(error, "Failed to delete swift object for backup " + backup.id + "."));
      } else {
        notifier.taskmanager(
            "dbaas.backup_delete.end", caller, payloads.backupId(caller, "taskmanager", id));
      }
    }
  }

  private List<Backup> chainOf(Caller caller, String id) {
    synchronized (state) {
      var root =
          state.backup(caller.projectId(), id).orElseThrow(() -> TroveException.notFound(id));
      if (root.running()) {
        throw TroveException.unprocessable(
            "Backup " + id + " cannot be deleted because it is running.");
      }
      var chain = new ArrayList<Backup>();
      chain.add(root);
      for (int i = 0; i < chain.size(); i++) {
        var parent = chain.get(i).id;
        state.backups(caller.projectId()).stream()
            .filter(b -> parent.equals(b.parentId))
            .forEach(chain::add);
      }
      chain.forEach(b -> state.releaseUnit(b.projectId));
      return chain;
    }
  }
}
