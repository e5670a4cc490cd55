package dev.trovekeeper.schedule;

import dev.trovekeeper.inventory.InventoryService;
import dev.trovekeeper.inventory.Target;
import dev.trovekeeper.policy.Policy;
import dev.trovekeeper.policy.PolicyService;
import dev.trovekeeper.run.PauseState;
import dev.trovekeeper.run.RunService;
import dev.trovekeeper.run.SlotRun;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Fires due schedules. In one transaction it locks a batch of due schedules (rows other replicas
 * hold are skipped), turns their due slots into runs under the missed-run policy, and moves each to
 * its next slot; the row lock plus the unique (target, slot) key of runs mean a slot is fired by
 * exactly one replica, once.
 */
@ApplicationScoped
public class ScheduleClaimer {

  private final ScheduleRepository schedules;
  private final InventoryService inventory;
  private final PolicyService policies;
  private final RunService runs;
  private final ScheduleService scheduleService;
  private final PauseState pauses;
  private final ScheduleConfig config;

  ScheduleClaimer(
      ScheduleRepository schedules,
      InventoryService inventory,
      PolicyService policies,
      RunService runs,
      ScheduleService scheduleService,
      PauseState pauses,
      ScheduleConfig config) {
    this.schedules = schedules;
    this.inventory = inventory;
    this.policies = policies;
    this.runs = runs;
    this.scheduleService = scheduleService;
    this.pauses = pauses;
    this.config = config;
  }

  /**
   * Fires what is due at {@code now}; returns the lateness of each schedule fired. The batch runs
   * in one transaction; if it fails, nothing of it was committed and its schedules are fired again
   * one transaction each, so one schedule that cannot fire is quarantined and the others fire
   * (once: the failed batch created no run, and a slot has at most one run).
   */
  public List<Duration> fireDue(Instant now) {
    List<Long> batch = new ArrayList<>();
    try {
      return QuarkusTransaction.requiringNew().call(() -> fireBatch(now, batch));
    } catch (RuntimeException e) {
      if (batch.isEmpty()) {
        throw e;
      }
      Log.warnf(
          "Firing a batch of %d due schedules failed (%s); firing them one by one",
          batch.size(), e.toString());
      return fireOneByOne(batch, now);
    }
  }

  private List<Duration> fireBatch(Instant now, List<Long> locked) {
    List<Long> due = schedules.lockDue(now, config.batchSize());
    locked.addAll(due);
    if (due.isEmpty()) {
      return List.of();
    }
    // The batch's schedules, targets, effective policies and paused projects in four queries, not
    // four per row; its runs in one multi-row insert and its schedule updates in one JDBC batch.
    schedules.batchUpdates(due.size());
    List<Schedule> batch = schedules.list("id in ?1", due);
    Map<Long, Target> targets = inventory.findAll(batch.stream().map(s -> s.targetId).toList());
    Map<Long, Optional<Policy>> effective = policies.effective(targets.values());
    Set<String> paused =
        pauses.pausedProjects(targets.values().stream().map(t -> t.projectId).distinct().toList());
    List<SlotRun> newRuns = new ArrayList<>();
    List<Duration> fired =
        batch.stream()
            .map(
                schedule -> {
                  Target target = targets.get(schedule.targetId);
                  Optional<Policy> policy =
                      target == null ? Optional.empty() : effective.get(target.id);
                  return fire(schedule, target, policy, now, paused, newRuns);
                })
            .toList();
    runs.createForSlots(newRuns);
    return fired;
  }

  private List<Duration> fireOneByOne(List<Long> ids, Instant now) {
    List<Duration> fired = new ArrayList<>();
    for (Long id : ids) {
      try {
        QuarkusTransaction.requiringNew().call(() -> fireOne(id, now)).ifPresent(fired::add);
      } catch (RuntimeException e) {
        scheduleService.quarantine(id, e);
      }
    }
    return fired;
  }

  private Optional<Duration> fireOne(long id, Instant now) {
    if (!schedules.lockIfDue(id, now)) {
      return Optional.empty(); // another replica fired it meanwhile
    }
    Schedule schedule = schedules.findById(id);
    Target target = inventory.find(schedule.targetId).orElse(null);
    Optional<Policy> policy = target == null ? Optional.empty() : policies.effective(target);
    Set<String> paused =
        target == null ? Set.of() : pauses.pausedProjects(List.of(target.projectId));
    List<SlotRun> newRuns = new ArrayList<>();
    Duration lateness = fire(schedule, target, policy, now, paused, newRuns);
    runs.createForSlots(newRuns);
    return Optional.of(lateness);
  }

  /** Moves the schedule on; the runs of its due slots go to {@code newRuns}. */
  private Duration fire(
      Schedule schedule,
      Target target,
      Optional<Policy> policy,
      Instant now,
      Set<String> pausedProjects,
      List<SlotRun> newRuns) {
    Duration lateness = Duration.between(schedule.nextFireAt, now);
    schedule.updatedAt = now;
    // A suspended target's schedule was disabled with it (ScheduleService.suspend); one that is
    // found enabled anyway stops here rather than firing runs its executor would only skip.
    if (target == null || target.isGone() || target.isSuspended()) {
      schedule.nextFireAt = null;
      schedule.enabled = false;
      return lateness;
    }
    if (schedule.policyId == null || policy.isEmpty()) {
      // It was waiting for a policy (its next_fire_at was a re-check, not a slot).
      if (policy.isPresent()) {
        scheduleService.adopt(schedule, target, policy.get(), now);
      } else {
        ScheduleService.applyPolicy(schedule, target, policy, now);
      }
      return Duration.ZERO;
    }
    Policy p = policy.get();
    FirePlan plan =
        MissedRuns.plan(
            schedule.nextFireAt,
            slot -> slot.flatMap(s -> SlotCalculator.next(p, target.id, s)),
            now,
            config.misfireThreshold(),
            p.missedRunPolicy,
            p.backfillMax,
            Duration.ofHours(p.backfillDeadlineHours == null ? 0 : p.backfillDeadlineHours));
    // A paused policy or project lets its slots pass without runs (no catch-up on resume).
    if (!p.paused && !pausedProjects.contains(target.projectId)) {
      for (PlannedRun planned : plan.runs()) {
        newRuns.add(
            new SlotRun(target.id, target.projectId, p.id, planned.slot(), planned.trigger()));
        schedule.lastSlotAt = planned.slot();
      }
    }
    schedule.policyId = p.id;
    schedule.nextFireAt = plan.nextFireAt();
    return lateness;
  }
}
