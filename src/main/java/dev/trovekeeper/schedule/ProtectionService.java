package dev.trovekeeper.schedule;

import dev.trovekeeper.inventory.Target;
import dev.trovekeeper.policy.Policy;
import dev.trovekeeper.policy.PolicyService;
import dev.trovekeeper.run.RunService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Puts together what the tenant sees of an instance's protection. */
@ApplicationScoped
public class ProtectionService {

  private final PolicyService policies;
  private final RunService runs;
  private final ScheduleRepository schedules;
  private final Clock clock;

  ProtectionService(
      PolicyService policies, RunService runs, ScheduleRepository schedules, Clock clock) {
    this.policies = policies;
    this.runs = runs;
    this.schedules = schedules;
    this.clock = clock;
  }

  /** The protection of one target now. */
  @Transactional
  public InstanceProtection of(Target target) {
    Instant now = clock.instant();
    Policy policy = policies.effective(target).orElse(null);
    Instant last = runs.lastSuccessfulBackupAt(target.id).orElse(null);
    Instant next =
        schedules
            .findByTarget(target.id)
            .filter(s -> s.enabled)
            .map(s -> s.nextFireAt)
            .orElse(null);
    return new InstanceProtection(
        Protection.of(policy, last, now),
        policy == null ? null : EffectivePolicy.of(policy),
        last,
        last == null ? null : Math.max(0, Duration.between(last, now).toSeconds()),
        policy == null || policy.paused ? null : next);
  }
}
