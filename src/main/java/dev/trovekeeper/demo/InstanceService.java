package dev.trovekeeper.demo;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Instance use cases and their lifecycle: BUILD -> ACTIVE, delete -> SHUTDOWN -> gone. */
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

  /** Creates an instance in BUILD; it becomes ACTIVE after the build delay. */
  Instance create(Caller caller, InstanceSpec spec) {
    var instance = newInstance(caller, spec);
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
      instance.operatingStatus = "SHUTDOWN";
      instance.updated = clock.instant();
    }
    later(settings.instanceDeleteDelay(), () -> finishDelete(caller, instance));
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
    return new Instance(
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
  }

  private void activate(Caller caller, Instance instance) {
    synchronized (state) {
      if (!instance.status.equals("BUILD")) {
        return; // deleted or forced into another state meanwhile
      }
      var now = clock.instant();
      instance.status = "ACTIVE";
      instance.operatingStatus = "HEALTHY";
      instance.launched = instance.created;
      instance.updated = now;
      instance.serviceStatusUpdated = now;
    }
    notifier.usage("trove.instance.create", caller, payloads.usage(instance, "active"));
    var end = payloads.instanceCreate(caller, "taskmanager", instance);
    end.put("instance_id", instance.id);
    end.put("notification_classname", "trove.common.notification.DBaaSInstanceCreate");
    notifier.taskmanager("dbaas.instance_create.end", caller, end);
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
