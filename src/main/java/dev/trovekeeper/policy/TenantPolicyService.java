package dev.trovekeeper.policy;

import dev.trovekeeper.api.ErrorCode;
import dev.trovekeeper.api.KeeperException;
import dev.trovekeeper.api.Problem.FieldError;
import dev.trovekeeper.audit.AuditService;
import dev.trovekeeper.auth.Caller;
import dev.trovekeeper.auth.Role;
import dev.trovekeeper.inventory.InventoryService;
import dev.trovekeeper.inventory.Target;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The tenant's policies: an instance's override and the project default, read by readers and
 * changed by members, each change audited (before/after) and followed by the schedules.
 */
@ApplicationScoped
public class TenantPolicyService {

  static final String RESOURCE_TYPE = "policy";

  private final PolicyService policies;
  private final InventoryService inventory;
  private final AuditService audit;
  private final Validator validator;
  private final Event<PolicyChanged> changed;

  TenantPolicyService(
      PolicyService policies,
      InventoryService inventory,
      AuditService audit,
      Validator validator,
      Event<PolicyChanged> changed) {
    this.policies = policies;
    this.inventory = inventory;
    this.audit = audit;
    this.validator = validator;
    this.changed = changed;
  }

  /** The override of one instance; 404 when it has none. */
  @Transactional
  public PolicyResponse instanceOverride(Caller caller, String instanceId) {
    caller.require(Role.READER);
    return targetOverride(caller, inventory.instanceFor(caller, instanceId));
  }

  /** Sets the override of one instance (member role). */
  @Transactional
  public PolicyResponse setInstanceOverride(
      Caller caller, String instanceId, PolicySpec request, String requestId) {
    caller.require(Role.MEMBER);
    return setTargetOverride(caller, inventory.instanceFor(caller, instanceId), request, requestId);
  }

  /** Removes the override of one instance (member role); 404 when it has none. */
  @Transactional
  public void deleteInstanceOverride(Caller caller, String instanceId, String requestId) {
    caller.require(Role.MEMBER);
    deleteTargetOverride(caller, inventory.instanceFor(caller, instanceId), requestId);
  }

  /**
   * The override of a target the caller may see (an instance or a dataset, looked up by the
   * caller's feature); 404 when it has none.
   */
  @Transactional
  public PolicyResponse targetOverride(Caller caller, Target target) {
    caller.require(Role.READER);
    return found(policies.targetOverride(target.id).map(p -> PolicyResponse.of(p, target)));
  }

  /** Sets the override of a target the caller may see (member role, audited). */
  @Transactional
  public PolicyResponse setTargetOverride(
      Caller caller, Target target, PolicySpec request, String requestId) {
    caller.require(Role.MEMBER);
    PolicySpec spec = validated(request);
    PolicyResponse before =
        policies.targetOverride(target.id).map(p -> PolicyResponse.of(p, target)).orElse(null);
    PolicyResponse after = PolicyResponse.of(policies.setTargetOverride(target, spec), target);
    changed(caller, "policy.set", after.scopeKey(), target.projectId, before, after, requestId);
    return after;
  }

  /** Removes the override of a target the caller may see (member role); 404 without one. */
  @Transactional
  public void deleteTargetOverride(Caller caller, Target target, String requestId) {
    caller.require(Role.MEMBER);
    PolicyResponse before =
        found(policies.targetOverride(target.id).map(p -> PolicyResponse.of(p, target)));
    policies.delete(PolicyRepository.targetKey(target.id));
    changed(caller, "policy.delete", before.scopeKey(), target.projectId, before, null, requestId);
  }

  /** The caller's project default; 404 when the project has none. */
  @Transactional
  public PolicyResponse projectDefault(Caller caller) {
    caller.require(Role.READER);
    return found(policies.projectDefault(caller.projectId()).map(PolicyResponse::of));
  }

  /** Sets the caller's project default (member role). */
  @Transactional
  public PolicyResponse setProjectDefault(Caller caller, PolicySpec request, String requestId) {
    caller.require(Role.MEMBER);
    PolicySpec spec = validated(request);
    String project = caller.projectId();
    PolicyResponse before = policies.projectDefault(project).map(PolicyResponse::of).orElse(null);
    PolicyResponse after = PolicyResponse.of(policies.setProjectDefault(project, spec));
    changed(caller, "policy.set", after.scopeKey(), project, before, after, requestId);
    return after;
  }

  /** Removes the caller's project default (member role); 404 when there is none. */
  @Transactional
  public void deleteProjectDefault(Caller caller, String requestId) {
    caller.require(Role.MEMBER);
    String project = caller.projectId();
    PolicyResponse before = found(policies.projectDefault(project).map(PolicyResponse::of));
    policies.delete(PolicyRepository.projectKey(project));
    changed(caller, "policy.delete", before.scopeKey(), project, before, null, requestId);
  }

  private void changed(
      Caller caller,
      String action,
      String scopeKey,
      String projectId,
      PolicyResponse before,
      PolicyResponse after,
      String requestId) {
    audit.record(
        caller.userId(),
        caller.projectId(),
        action,
        RESOURCE_TYPE,
        scopeKey,
        projectId,
        before,
        after,
        requestId);
    changed.fire(new PolicyChanged(projectId));
  }

  /**
   * Every invalid field at once: the request's annotations and {@link PolicyValidator}, one error
   * per field (the annotation's wins).
   */
  private PolicySpec validated(PolicySpec request) {
    if (request == null) {
      throw new KeeperException(ErrorCode.MALFORMED_REQUEST, "a policy body is required");
    }
    Map<String, FieldError> errors = new LinkedHashMap<>();
    validator.validate(request).stream()
        .map(v -> new FieldError(v.getPropertyPath().toString(), v.getMessage()))
        .sorted(Comparator.comparing(FieldError::field))
        .forEach(e -> errors.putIfAbsent(e.field(), e));
    PolicySpec spec = request;
    PolicyValidator.validate(spec).forEach(e -> errors.putIfAbsent(e.field(), e));
    if (!errors.isEmpty()) {
      throw new PolicyService.InvalidPolicyException(new ArrayList<>(errors.values()));
    }
    return spec;
  }

  private static PolicyResponse found(Optional<PolicyResponse> policy) {
    return policy.orElseThrow(() -> new KeeperException(ErrorCode.NOT_FOUND, "no such policy"));
  }
}
