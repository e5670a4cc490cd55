package dev.trovekeeper.policy;

import dev.trovekeeper.api.ErrorCode;
import dev.trovekeeper.api.Problem.FieldError;
import dev.trovekeeper.inventory.InventoryService;
import dev.trovekeeper.inventory.Target;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Policies: the effective one of a target (its own override, else its project's default, else the
 * global default) and changing them, validated, within the project's backup quota.
 */
@ApplicationScoped
public class PolicyService {

  private final PolicyRepository policies;
  private final InventoryService inventory;
  private final QuotaCheck quota;
  private final TierBoundsSource tiers;
  private final PolicyLimitsConfig limits;
  private final Clock clock;

  PolicyService(
      PolicyRepository policies,
      InventoryService inventory,
      QuotaCheck quota,
      TierBoundsSource tiers,
      PolicyLimitsConfig limits,
      Clock clock) {
    this.policies = policies;
    this.inventory = inventory;
    this.quota = quota;
    this.tiers = tiers;
    this.limits = limits;
    this.clock = clock;
  }

  /** The policy that applies to the target now, or empty when none does. */
  @Transactional
  public Optional<Policy> effective(Target target) {
    return policies
        .findByScopeKey(PolicyRepository.targetKey(target.id))
        .or(() -> policies.findByScopeKey(PolicyRepository.projectKey(target.projectId)))
        .or(() -> policies.findByScopeKey(PolicyRepository.globalKey()));
  }

  /**
   * The effective policies of many targets with one query (the schedule engine's batches): target
   * id to its policy, or empty when none applies.
   */
  @Transactional
  public java.util.Map<Long, Optional<Policy>> effective(java.util.Collection<Target> targets) {
    java.util.Set<String> keys = new java.util.HashSet<>();
    keys.add(PolicyRepository.globalKey());
    for (Target target : targets) {
      keys.add(PolicyRepository.targetKey(target.id));
      keys.add(PolicyRepository.projectKey(target.projectId));
    }
    java.util.Map<String, Policy> byKey = new java.util.HashMap<>();
    policies.list("scopeKey in ?1", keys).forEach(p -> byKey.put(p.scopeKey, p));
    java.util.Map<Long, Optional<Policy>> effective = new java.util.HashMap<>();
    for (Target target : targets) {
      Policy policy = byKey.get(PolicyRepository.targetKey(target.id));
      if (policy == null) {
        policy = byKey.get(PolicyRepository.projectKey(target.projectId));
      }
      if (policy == null) {
        policy = byKey.get(PolicyRepository.globalKey());
      }
      effective.put(target.id, Optional.ofNullable(policy));
    }
    return effective;
  }

  @Transactional
  public Optional<Policy> global() {
    return policies.findByScopeKey(PolicyRepository.globalKey());
  }

  @Transactional
  public Optional<Policy> projectDefault(String projectId) {
    return policies.findByScopeKey(PolicyRepository.projectKey(projectId));
  }

  @Transactional
  public Optional<Policy> targetOverride(long targetId) {
    return policies.findByScopeKey(PolicyRepository.targetKey(targetId));
  }

  /** Sets the operator's global default. */
  @Transactional
  public Policy setGlobal(PolicySpec spec) {
    validate(spec);
    return upsert(PolicyRepository.globalKey(), PolicyScope.GLOBAL, null, null, spec);
  }

  /**
   * Sets a project's default, checked against the project's tier (422) and its Trove backup quota.
   */
  @Transactional
  public Policy setProjectDefault(String projectId, PolicySpec spec) {
    validate(spec);
    withinTier(projectId, spec);
    quota.check(projectId, spec, inventory.countLiveInstances(projectId));
    return upsert(
        PolicyRepository.projectKey(projectId), PolicyScope.PROJECT, projectId, null, spec);
  }

  /** Sets one target's override, checked against its project's tier (422) and quota. */
  @Transactional
  public Policy setTargetOverride(Target target, PolicySpec spec) {
    validate(spec);
    withinTier(target.projectId, spec);
    quota.check(target.projectId, spec, inventory.countLiveInstances(target.projectId));
    return upsert(
        PolicyRepository.targetKey(target.id),
        PolicyScope.TARGET,
        target.projectId,
        target.id,
        spec);
  }

  /** Removes a policy of one scope; true when there was one. */
  @Transactional
  public boolean delete(String scopeKey) {
    return policies.delete("scopeKey", scopeKey) > 0;
  }

  private Policy upsert(
      String scopeKey, PolicyScope scope, String projectId, Long targetId, PolicySpec spec) {
    Instant now = clock.instant();
    Policy policy = policies.findByScopeKey(scopeKey).orElse(null);
    if (policy == null) {
      policy = new Policy();
      policy.scope = scope;
      policy.scopeKey = scopeKey;
      policy.projectId = projectId;
      policy.targetId = targetId;
      policy.createdAt = now;
      spec.applyTo(policy);
      policy.updatedAt = now;
      policies.persist(policy);
    } else {
      spec.applyTo(policy);
      policy.updatedAt = now;
    }
    return policy;
  }

  /** Tenant policies stay within the bounds of their project's tier; the global one is not. */
  private void withinTier(String projectId, PolicySpec spec) {
    tiers.boundsFor(projectId).ifPresent(bounds -> bounds.enforce(spec, clock.instant()));
  }

  private void validate(PolicySpec spec) {
    List<FieldError> errors = PolicyValidator.validate(spec, clock.instant(), limits.minInterval());
    if (!errors.isEmpty()) {
      throw new InvalidPolicyException(errors);
    }
  }

  /** A policy failed validation; every invalid field is listed. */
  public static class InvalidPolicyException extends dev.trovekeeper.api.KeeperException {

    private final List<FieldError> errors;

    public InvalidPolicyException(List<FieldError> errors) {
      super(ErrorCode.VALIDATION_FAILED, errors.size() + " invalid field(s)");
      this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
      return errors;
    }
  }
}
