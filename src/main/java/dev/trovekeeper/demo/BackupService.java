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

  Backup create(Caller caller, BackupRequest request) {
    notifier.api(
        "dbaas.backup_create.start", caller, payloads.backupCreate(caller, "api", request));
    Backup backup;
    try {
      backup = admit(caller, request);
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
      if (instance.status.equals("BUILD")) {
        instance.fault("Instance " + id + " is not ready.", now);
        throw TroveException.unprocessable(instance.faultMessage);
      }
      if (!instance.status.equals("ACTIVE")) {
        var text = "Instance " + id + " is not currently available for an action to be performed";
        var reason = "(instance status was " + instance.status + ").";
        instance.fault(text + "\n" + reason, now);
        throw TroveException.unprocessable(text + " " + reason);
      }
      var quota = state.backupQuota(caller.projectId(), settings.backupQuota());
      if (state.backupUsage(caller.projectId()) + 1 > quota) {
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
        () -> finish(backup), settings.backupBuildDelay().toMillis(), TimeUnit.MILLISECONDS);
  }

  private void finish(Backup backup) {
    synchronized (state) {
      backup.updated = clock.instant();
      if (backup.name.endsWith("BACKUP_FAIL")) {
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

  /** Deletes the backup and its incremental descendants; one {@code .end} each. */
  void delete(Caller caller, String id) {
    notifier.api("dbaas.backup_delete.start", caller, payloads.backupId(caller, "api", id));
    List<Backup> doomed;
    try {
      doomed = chainOf(caller, id);
    } catch (TroveException e) {
      var error = Payloads.error(payloads.backupId(caller, "api", id), e.getMessage());
      notifier.api("dbaas.backup_delete.error", caller, error);
      throw e;
    }
    for (var backup : doomed) {
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
      var delay = state.backupDeleteDelay(caller.projectId());
      if (delay.isZero()) {
        chain.forEach(this::endDelete);
        return chain;
      }
      // Trove gives the quota back at once and deletes in the background, still listing them.
      for (var backup : chain) {
        if (!backup.deleting) {
          backup.deleting = true;
          state.releaseUnit(backup.projectId);
        }
      }
      timer.schedule(
          () -> {
            synchronized (state) {
              chain.forEach(this::endDeleteLater);
            }
          },
          delay.toMillis(),
          TimeUnit.MILLISECONDS);
      return chain;
    }
  }

  private void endDelete(Backup backup) {
    if (backup.deleteFails()) {
      backup.status = "DELETE_FAILED";
      backup.updated = clock.instant();
      state.releaseUnit(backup.projectId);
    } else {
      state.remove(backup);
    }
  }

  /** The end of a background delete: the quota unit was given back with the 202. */
  private void endDeleteLater(Backup backup) {
    backup.deleting = false;
    if (backup.deleteFails()) {
      backup.status = "DELETE_FAILED";
      backup.updated = clock.instant();
    } else {
      state.forget(backup);
    }
  }
}
