package dev.trovekeeper.schedule;

import dev.trovekeeper.events.EventService;
import dev.trovekeeper.events.EventTypes;
import dev.trovekeeper.inventory.InventoryService;
import dev.trovekeeper.inventory.Target;
import dev.trovekeeper.inventory.TargetGone;
import dev.trovekeeper.inventory.TargetRegistered;
import dev.trovekeeper.policy.Policy;
import dev.trovekeeper.policy.PolicyChanged;
import dev.trovekeeper.policy.PolicyService;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Gives every new target its schedule under the effective policy (the automatic assignment), stops
 * the schedule of a target that is gone (its backups stay), and recomputes schedules when a policy
 * changes.
 */
@ApplicationScoped
public class ScheduleService {

  /** How soon a schedule without a policy looks for one again. */
  static final java.time.Duration POLICY_RECHECK = java.time.Duration.ofMinutes(1);

  private final ScheduleRepository schedules;
  private final InventoryService inventory;
  private final PolicyService policies;
  private final EventService events;
  private final ScheduleConfig config;
  private final Clock clock;

  ScheduleService(
      ScheduleRepository schedules,
      InventoryService inventory,
      PolicyService policies,
      EventService events,
      ScheduleConfig config,
      Clock clock) {
    this.schedules = schedules;
    this.inventory = inventory;
    this.policies = policies;
    this.events = events;
    this.config = config;
    this.clock = clock;
  }

  void onRegistered(@Observes TargetRegistered registered) {
    Target target = inventory.find(registered.targetId()).orElseThrow();
    Instant now = clock.instant();
    Schedule schedule = schedules.findByTarget(target.id).orElseGet(Schedule::new);
    schedule.targetId = target.id;
    schedule.enabled = true;
    if (schedule.createdAt == null) {
      schedule.createdAt = now;
    }
    Optional<Policy> policy = policies.effective(target);
    point(schedule, target, policy, now);
    if (schedule.id == null) {
      schedules.persist(schedule);
    }
    policy.ifPresent(p -> assigned(target, p, schedule));
  }

  void onGone(@Observes TargetGone gone) {
    schedules
        .findByTargetForUpdate(gone.targetId())
        .ifPresent(
            schedule -> {
              schedule.enabled = false;
              schedule.nextFireAt = null;
              schedule.updatedAt = clock.instant();
            });
  }

  /**
   * Stops the schedule of a suspended target: disabled and without a next slot, so the claim query
   * (which reads only enabled schedules, by index) never sees it, whatever the fleet's size. Joins
   * the caller's transaction and locks the schedule row first, before the caller changes the
   * target: the engine takes the same locks in that order when it fires (schedule, then the
   * target's row through the runs' foreign key), so the two cannot deadlock.
   *
   * @return whether the target has a schedule
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public boolean suspend(long targetId) {
    return schedules
        .findByTargetForUpdate(targetId)
        .map(
            schedule -> {
              schedule.enabled = false;
              schedule.nextFireAt = null;
              schedule.updatedAt = clock.instant();
              return true;
            })
        .isPresent();
  }

  /**
   * Restarts the schedule of a resumed target from now: its next slot is the policy's first one
   * after now, so the slots that passed while it was suspended make no runs (no catch-up burst). A
   * target that never had a backup still gets its first one soon. Lock order as {@link #suspend}.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void resume(long targetId) {
    Optional<Schedule> found = schedules.findByTargetForUpdate(targetId);
    Optional<Target> target = inventory.find(targetId);
    if (found.isEmpty() || target.isEmpty() || target.get().isGone()) {
      return;
    }
    Schedule schedule = found.get();
    schedule.enabled = true;
    point(schedule, target.get(), policies.effective(target.get()), clock.instant());
  }

  /** A policy changed: the project's schedules (every one, for the global default) follow. */
  void onPolicyChanged(@Observes PolicyChanged changed) {
    recompute(changed.projectIdOrNull());
  }

  /** Recomputes the next slot of every schedule of a project (null: of every target). */
  @Transactional
  public int recompute(String projectIdOrNull) {
    Instant now = clock.instant();
    int changed = 0;
    for (Target target : inventory.targets(projectIdOrNull)) {
      Optional<Schedule> schedule = schedules.findByTargetForUpdate(target.id);
      if (schedule.isPresent() && schedule.get().enabled) {
        release(schedule.get());
        point(schedule.get(), target, policies.effective(target), now);
        changed++;
      }
    }
    return changed;
  }

  /**
   * Sets a schedule that could not be fired aside: the engine skips it (so it cannot block the
   * others) until its policy changes; the operator queue lists it and a {@code
   * schedule.quarantined} event says why. Its own transaction, as the firing one failed.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void quarantine(long scheduleId, RuntimeException cause) {
    Schedule schedule = schedules.findById(scheduleId);
    if (schedule == null) {
      return;
    }
    String reason = cause.toString();
    reason = reason.length() <= 1000 ? reason : reason.substring(0, 1000);
    Log.errorf(
        cause, "Schedule %d (target %d) quarantined: %s", scheduleId, schedule.targetId, reason);
    Instant now = clock.instant();
    schedule.state = Schedule.QUARANTINED;
    schedule.quarantineReason = reason;
    schedule.quarantinedAt = now;
    schedule.updatedAt = now;
    Optional<Target> target = inventory.find(schedule.targetId);
    Map<String, Object> data = new java.util.HashMap<>();
    data.put("targetId", schedule.targetId);
    data.put("scheduleId", scheduleId);
    data.put("reason", reason);
    target.ifPresent(t -> data.put(EventTypes.publicIdField(t.kind.name()), t.externalId));
    events.record(
        EventTypes.SCHEDULE_QUARANTINED,
        EventTypes.targetSubject(schedule.targetId),
        target.map(t -> t.projectId).orElse(null),
        data);
  }

  /** Quarantined schedules, newest first (at most {@code limit}), for the operator. */
  @Transactional
  public java.util.List<Schedule> quarantined(int limit) {
    return schedules.quarantined(limit);
  }

  @Transactional
  public Optional<Schedule> forTarget(long targetId) {
    return schedules.findByTarget(targetId);
  }

  /**
   * Points the schedule at the policy's next slot. Without a policy (none defined yet, or not yet
   * visible to this transaction) it looks again after {@link #POLICY_RECHECK}, so a target is never
   * left unscheduled for good.
   */
  static void applyPolicy(Schedule schedule, Target target, Optional<Policy> policy, Instant now) {
    schedule.policyId = policy.map(p -> p.id).orElse(null);
    schedule.nextFireAt =
        policy.isPresent()
            ? SlotCalculator.next(policy.get(), target.id, now).orElse(null)
            : now.plus(POLICY_RECHECK);
    schedule.updatedAt = now;
  }

  /** A changed policy gives a quarantined schedule another chance. */
  private static void release(Schedule schedule) {
    schedule.state = Schedule.ACTIVE;
    schedule.quarantineReason = null;
    schedule.quarantinedAt = null;
  }

  /**
   * {@link #applyPolicy}, and a schedule that never fired a slot yet fires its first backup soon
   * (the first-backup delay plus a stable jitter after the schedule was created, or now when that
   * has passed) rather than at the policy's first slot, which may be a day away.
   */
  void point(Schedule schedule, Target target, Optional<Policy> policy, Instant now) {
    applyPolicy(schedule, target, policy, now);
    if (policy.isPresent() && schedule.lastSlotAt == null && schedule.nextFireAt != null) {
      Instant first =
          FirstBackup.at(
              schedule.createdAt == null ? now : schedule.createdAt,
              target.id,
              config.firstBackupDelay(),
              config.firstBackupJitter(),
              now);
      if (first.isBefore(schedule.nextFireAt)) {
        schedule.nextFireAt = first;
      }
    }
  }

  /** A schedule that had no policy found one: point it at its first slot and say so. */
  void adopt(Schedule schedule, Target target, Policy policy, Instant now) {
    point(schedule, target, Optional.of(policy), now);
    assigned(target, policy, schedule);
  }

  private void assigned(Target target, Policy policy, Schedule schedule) {
    events.record(
        EventTypes.POLICY_ASSIGNED,
        EventTypes.targetSubject(target.id),
        target.projectId,
        Map.of(
            "targetId",
            target.id,
            EventTypes.publicIdField(target.kind.name()),
            target.externalId,
            "policyId",
            policy.id,
            "policyScope",
            policy.scope.name(),
            "nextFireAt",
            String.valueOf(schedule.nextFireAt)));
  }
}
