package dev.trovekeeper.demo;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Instance use cases and their lifecycle: BUILD -> ACTIVE, restart -> REBOOT -> ACTIVE, delete ->
 * SHUTDOWN -> gone.
 */
final class InstanceService {

  private final RegionState state;
  private final Notifier notifier;
  private final Payloads payloads;
  private final ScheduledExecutorService timer;
  private final DemoRegionSettings settings;
  private final Clock clock;

  InstanceService(
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
   * Creates an instance in BUILD (restored from {@code spec.restoreBackupId()} if set: 404 when
   * that backup does not exist in the caller's project, 409 when it is not COMPLETED); it becomes
   * ACTIVE after the build delay.
   */
  Instance create(Caller caller, InstanceSpec spec) {
    return create(caller, spec, null);
  }

  /** As {@link #create(Caller, InstanceSpec)}, as a member of a cluster when {@code clusterId}. */
  Instance create(Caller caller, InstanceSpec spec, String clusterId) {
    if (spec.restoreBackupId() != null) {
      var id = spec.restoreBackupId();
      var backup =
          state.backup(caller.projectId(), id).orElseThrow(() -> TroveException.notFound(id));
      if (!backup.status.equals("COMPLETED")) {
        // Not in the recordings; Trove's Instance.create raises BackupNotCompleteError, which its
        // API maps to 409 conflictingRequest.
        throw TroveException.backupNotComplete(id, backup.status);
      }
      spec = spec.restoring(backup.datastore, backup.datastoreVersion);
    }
    var instance = newInstance(caller, spec);
    instance.clusterId = clusterId;
    notifier.api(
        "dbaas.instance_create.start", caller, payloads.instanceCreate(caller, "api", instance));
    state.add(instance);
    later(settings.instanceBuildDelay(), () -> activate(caller, instance));
    return instance;
  }

  /** Creates an instance that is ACTIVE at once (seed data). */
  Instance createActive(Caller caller, InstanceSpec spec) {
    var instance = newInstance(caller, spec);
    state.add(instance);
    activate(caller, instance);
    return instance;
  }

  /** An ACTIVE instance that was there before anyone listened: no notifications (tests). */
  Instance createSilently(Caller caller, InstanceSpec spec) {
    var instance = newInstance(caller, spec);
    becomeActive(instance);
    state.add(instance);
    return instance;
  }

  /** Starts a delete: SHUTDOWN now, gone after the delete delay. */
  void delete(Caller caller, String id) {
    var start = payloads.dbaas(caller, "api");
    start.put("instance_id", id);
    notifier.api("dbaas.instance_delete.start", caller, start);
    Instance instance;
    synchronized (state) {
      instance =
          state.instance(caller.projectId(), id).orElseThrow(() -> TroveException.notFound(id));
      instance.status = "SHUTDOWN";
      instance.operatingStatus = "";
      instance.task = Instance.Task.DELETING;
      instance.updated = clock.instant();
      instance.serviceStatusUpdated = instance.updated;
    }
    later(settings.instanceDeleteDelay(), () -> finishDelete(caller, instance));
  }

  /**
   * {@code POST instances/{id}/action {"restart":{}}}: REBOOT now (task REBOOTING, so backups are
   * refused), ACTIVE again after the restart delay.
   */
  void restart(Caller caller, String id) {
    var start = payloads.dbaas(caller, "api");
    start.put("notification_classname", "trove.common.notification.DBaaSInstanceRestart");
    start.put("instance_id", id);
    notifier.api("dbaas.instance_restart.start", caller, start);
    Instance instance;
    synchronized (state) {
      try {
        instance =
            state.instance(caller.projectId(), id).orElseThrow(() -> TroveException.notFound(id));
        BackupService.checkCanPerformAction(instance, clock.instant());
      } catch (TroveException e) {
        var error = Payloads.error(payloads.dbaas(caller, "api"), e.getMessage());
        error.put("instance_id", id);
        notifier.api("dbaas.instance_restart.error", caller, error);
        throw e;
      }
      instance.status = "REBOOT";
      instance.operatingStatus = "";
      instance.task = Instance.Task.REBOOTING;
      instance.updated = clock.instant();
      instance.serviceStatusUpdated = instance.updated;
    }
    later(settings.instanceRestartDelay(), () -> finishRestart(caller, instance));
  }

  /** Forces a status (ERROR, SHUTDOWN, ...) as an operator or a test wants it. */
  InstanceInfo setStatus(String projectId, String id, String status, String operatingStatus) {
    synchronized (state) {
      var i = state.instance(projectId, id).orElseThrow(() -> TroveException.notFound(id));
      i.status = status;
      i.operatingStatus = operatingStatus;
      i.updated = clock.instant();
      return i.info();
    }
  }

  private Instance newInstance(Caller caller, InstanceSpec spec) {
    var instance =
        new Instance(
            UUID.randomUUID().toString(),
            caller.projectId(),
            caller.userId(),
            spec.name(),
            spec.flavorId(),
            spec.datastore(),
            spec.datastoreVersion(),
            spec.volumeSize(),
            clock.instant(),
            caller.requestId());
    instance.restoredFrom = spec.restoreBackupId();
    return instance;
  }

  private void activate(Caller caller, Instance instance) {
    synchronized (state) {
      if (!instance.status.equals("BUILD")) {
        return; // deleted or forced into another state meanwhile
      }
      becomeActive(instance);
    }
    notifier.usage("trove.instance.create", caller, payloads.usage(instance, "active"));
    var end = payloads.instanceCreate(caller, "taskmanager", instance);
    end.put("instance_id", instance.id);
    end.put("notification_classname", "trove.common.notification.DBaaSInstanceCreate");
    notifier.taskmanager("dbaas.instance_create.end", caller, end);
  }

  private void becomeActive(Instance instance) {
    var now = clock.instant();
    instance.status = "ACTIVE";
    instance.operatingStatus = "HEALTHY";
    instance.task = Instance.Task.NONE;
    instance.launched = instance.created;
    instance.updated = now;
    instance.serviceStatusUpdated = now;
  }

  private void finishRestart(Caller caller, Instance instance) {
    synchronized (state) {
      if (!instance.status.equals("REBOOT")) {
        return; // deleted or forced into another state meanwhile
      }
      instance.status = "ACTIVE";
      instance.operatingStatus = "HEALTHY";
      instance.task = Instance.Task.NONE;
      instance.updated = clock.instant();
      instance.serviceStatusUpdated = instance.updated;
    }
    var end = payloads.dbaas(caller, "taskmanager");
    end.put("instance_id", instance.id);
    notifier.taskmanager("dbaas.instance_restart.end", caller, end);
  }

  private void finishDelete(Caller caller, Instance instance) {
    synchronized (state) {
      instance.deletedAt = clock.instant();
    }
    notifier.usage("trove.instance.delete", caller, payloads.usage(instance, "shutdown"));
    var end = payloads.dbaas(caller, "taskmanager");
    end.put("instance_id", instance.id);
    end.put("notification_classname", "trove.common.notification.DBaaSInstanceDelete");
    notifier.taskmanager("dbaas.instance_delete.end", caller, end);
  }

  private void later(Duration delay, Runnable task) {
    timer.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
  }
}
