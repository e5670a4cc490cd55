package dev.trovekeeper.operator;

import dev.trovekeeper.api.ErrorCode;
import dev.trovekeeper.api.KeeperException;
import dev.trovekeeper.audit.AuditService;
import dev.trovekeeper.policy.PolicyChanged;
import dev.trovekeeper.policy.PolicyResponse;
import dev.trovekeeper.policy.PolicyService;
import dev.trovekeeper.policy.PolicySpec;
import dev.trovekeeper.policy.QuotaCheck;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

/** The operator's global default policy (not bounded by any tier); changes are audited. */
@ApplicationScoped
public class AdminPolicyService {

  private final PolicyService policies;
  private final AuditService audit;
  private final Event<PolicyChanged> changed;
  private final QuotaCheck quota;

  AdminPolicyService(
      PolicyService policies, AuditService audit, Event<PolicyChanged> changed, QuotaCheck quota) {
    this.policies = policies;
    this.quota = quota;
    this.audit = audit;
    this.changed = changed;
  }

  /** The global default; 404 if none is set. */
  @Transactional
  public PolicyResponse global() {
    return policies
        .global()
        .map(PolicyResponse::of)
        .orElseThrow(() -> new KeeperException(ErrorCode.NOT_FOUND, "no global default policy"));
  }

  /**
   * Replaces the global default, validated (400 listing every invalid field) and checked against
   * the backup quota of each project it applies to (422 naming each project over its quota).
   */
  @Transactional
  public PolicyResponse setGlobal(AdminActor actor, PolicySpec spec) {
    PolicyResponse before = policies.global().map(PolicyResponse::of).orElse(null);
    PolicyResponse after = PolicyResponse.of(policies.setGlobal(spec));
    quota.checkGlobal(spec); // after validation; a refusal rolls the change back
    changed.fire(new PolicyChanged(null)); // every schedule follows the new global default
    audit.record(
        actor.userId(),
        actor.projectId(),
        "policy.update",
        "policy",
        "GLOBAL",
        null,
        before,
        after,
        actor.requestId());
    return after;
  }
}
