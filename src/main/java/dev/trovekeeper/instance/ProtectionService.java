package dev.trovekeeper.instance;

import dev.trovekeeper.inventory.Target;
import dev.trovekeeper.policy.EffectivePolicy;
import dev.trovekeeper.policy.PolicyService;
import dev.trovekeeper.policy.ResolvedPolicy;
import dev.trovekeeper.protection.Protection;
import dev.trovekeeper.protection.ProtectionFacts;
import dev.trovekeeper.protection.ProtectionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts together what the tenant sees of an instance's protection: the state as {@code protection}
 * decides it for every reader, and the effective policy with the scope of each value.
 */
@ApplicationScoped
public class ProtectionService {

  private final PolicyService policies;
  private final ProtectionRepository protection;
  private final Clock clock;

  ProtectionService(PolicyService policies, ProtectionRepository protection, Clock clock) {
    this.policies = policies;
    this.protection = protection;
    this.clock = clock;
  }

  /** The protection of one target now. */
  @Transactional
  public InstanceProtection of(Target target) {
    return of(List.of(target)).get(target.id);
  }

  /** The protection of each target now, by target id, with one query for the lot. */
  @Transactional
  public Map<Long, InstanceProtection> of(List<Target> targets) {
    Instant now = clock.instant();
    Map<Long, InstanceProtection> result = new HashMap<>();
    List<ProtectionFacts> facts = protection.forTargets(targets.stream().map(t -> t.id).toList());
    Map<Long, ResolvedPolicy> resolved = policies.resolve(targets);
    for (ProtectionFacts f : facts) {
      Protection state = f.protection(now);
      ResolvedPolicy p = resolved.get(f.targetId());
      result.put(
          f.targetId(),
          new InstanceProtection(
              state,
              state == Protection.FAILING ? f.lastFinishedReasonCode() : null,
              p == null ? null : EffectivePolicy.of(p),
              f.lastSuccessAt(),
              f.lastSuccessAt() == null ? null : Math.max(0, f.age(now).toSeconds()),
              f.nextBackupAt(now),
              f.gone() ? deletedAt(f) : null,
              f.completedBackups(),
              p == null ? null : AfterDeleteView.of(p.policy(), f.gone() ? deletedAt(f) : null)));
    }
    return result;
  }

  /** A vanished target has no deletion time of its own: its creation is the safe lower bound. */
  private static Instant deletedAt(ProtectionFacts f) {
    return f.deletedAt() != null ? f.deletedAt() : f.createdAt();
  }
}
