package dev.trovekeeper.policy;

import dev.trovekeeper.api.ErrorCode;
import dev.trovekeeper.api.Problem.FieldError;
import dev.trovekeeper.inventory.InventoryService;
import dev.trovekeeper.inventory.Target;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Policies: the effective one of a target (its own override over its project's default over the
 * global default, field by field) and changing them, validated, within the project's backup quota.
 */
@ApplicationScoped
public class PolicyService {

  private final PolicyRepository policies;
  private final EffectivePolicyRepository merged;
  private final InventoryService inventory;
  private final QuotaCheck quota;
  private final TierBoundsSource tiers;
  private final PolicyLimitsConfig limits;
  private final Clock clock;

  PolicyService(
      PolicyRepository policies,
      EffectivePolicyRepository effective,
      InventoryService inventory,
      QuotaCheck quota,
      TierBoundsSource tiers,
      PolicyLimitsConfig limits,
      Clock clock) {
    this.policies = policies;
    this.merged = effective;
    this.inventory = inventory;
    this.quota = quota;
    this.tiers = tiers;
    this.limits = limits;
    this.clock = clock;
  }

  /**
   * The policy that applies to the target now, merged field by field from its scopes (see {@link
   * #resolve}), or empty when none does. The result is detached: read it, never persist it.
   */
  @Transactional
  public Optional<Policy> effective(Target target) {
    return resolve(target).map(ResolvedPolicy::policy);
  }

  /**
   * The effective policies of many targets with one query (the schedule engine's batches): target
   * id to its policy, or empty when none applies.
   */
  @Transactional
  public Map<Long, Optional<Policy>> effective(Collection<Target> targets) {
    Map<Long, ResolvedPolicy> resolved =
        merged.forTargets(targets.stream().map(t -> t.id).toList());
    Map<Long, Optional<Policy>> result = new HashMap<>();
    for (Target target : targets) {
      result.put(
          target.id, Optional.ofNullable(resolved.get(target.id)).map(ResolvedPolicy::policy));
    }
    return result;
  }

  /**
   * The effective policy of a target with the scope each value came from. Scopes merge field by
   * field, TARGET over PROJECT over GLOBAL over the built-in default; name, schedule and retention
   * rules come together from the narrowest policy. The merge itself is the {@code
   * effective_policies} view, the one implementation every reader shares.
   */
  @Transactional
  public Optional<ResolvedPolicy> resolve(Target target) {
    return Optional.ofNullable(merged.forTargets(List.of(target.id)).get(target.id));
  }

  /** {@link #resolve} for many targets in one query: target id to its policy, if any applies. */
  @Transactional
  public Map<Long, ResolvedPolicy> resolve(Collection<Target> targets) {
    return merged.forTargets(targets.stream().map(t -> t.id).toList());
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

  /**
   * Creates the global default from {@code spec} unless one exists, with one statement that leaves
   * an existing row's policy alone ({@code ON DUPLICATE KEY UPDATE version = version + 1} on the
   * unique scope key: no error and, unlike {@code INSERT IGNORE}, no SQL warning), so replicas
   * racing at start-up neither fail nor log a duplicate-key error, and exactly one learns it
   * created the row.
   *
   * @return whether this call created it
   */
  @Transactional
  public boolean createGlobalIfAbsent(PolicySpec spec) {
    validate(spec);
    Policy row = new Policy();
    spec.applyTo(row);
    Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    int inserted =
        policies
            .getEntityManager()
            .createNativeQuery(
                """
                INSERT INTO policies (scope, scope_key, name, schedule_kind, cron_expression,
                  time_zone, window_start, window_length_minutes, full_interval_days, max_chain_length,
                  keep_last,
                  max_age_days, keep_daily, keep_weekly, keep_monthly, failed_grace_hours,
                  missed_run_policy, backfill_max, backfill_deadline_hours, rpo_target_minutes,
                  paused, after_delete, final_backup_days, created_at, updated_at, version)
                VALUES ('GLOBAL', 'GLOBAL', :name, :kind, :cron, :zone, :windowStart,
                  :windowLength, :fullInterval, :maxChain, :keepLast, :maxAge, :daily, :weekly, :monthly,
                  :grace, :missed, :backfillMax, :backfillDeadline, :rpo, :paused, :afterDelete,
                  :finalDays, :now, :now, 0)
                ON DUPLICATE KEY UPDATE version = version + 1
                """)
            .setParameter("name", row.name)
            .setParameter("kind", row.scheduleKind.name())
            .setParameter("cron", row.cronExpression)
            .setParameter("zone", row.timeZone)
            .setParameter("windowStart", row.windowStart)
            .setParameter("windowLength", row.windowLengthMinutes)
            .setParameter("fullInterval", row.fullIntervalDays)
            .setParameter("maxChain", row.maxChainLength)
            .setParameter("keepLast", row.keepLast)
            .setParameter("maxAge", row.maxAgeDays)
            .setParameter("daily", row.keepDaily)
            .setParameter("weekly", row.keepWeekly)
            .setParameter("monthly", row.keepMonthly)
            .setParameter("grace", row.failedGraceHours)
            .setParameter("missed", row.missedRunPolicy == null ? null : row.missedRunPolicy.name())
            .setParameter("backfillMax", row.backfillMax)
            .setParameter("backfillDeadline", row.backfillDeadlineHours)
            .setParameter("rpo", row.rpoTargetMinutes)
            .setParameter("paused", row.paused)
            .setParameter("afterDelete", row.afterDelete == null ? null : row.afterDelete.name())
            .setParameter("finalDays", row.finalBackupDays)
            .setParameter("now", now)
            .executeUpdate();
    // MariaDB counts 1 for a row inserted and 2 for an existing row updated. The update changes
    // the row (its version) on purpose: an unchanged row would count 1 as well, because the driver
    // reports rows found rather than changed. Comparing creation times instead failed when two
    // replicas' calls fell in the same microsecond: both believed they had created it.
    return inserted == 1;
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
