package dev.trovekeeper.run;

import dev.trovekeeper.api.ErrorCode;
import dev.trovekeeper.api.KeeperException;
import dev.trovekeeper.api.Page;
import dev.trovekeeper.audit.AuditService;
import dev.trovekeeper.auth.Caller;
import dev.trovekeeper.auth.ProjectScope;
import dev.trovekeeper.auth.Role;
import dev.trovekeeper.inventory.InventoryService;
import dev.trovekeeper.inventory.Target;
import dev.trovekeeper.policy.Policy;
import dev.trovekeeper.policy.PolicyService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The tenant's view of an instance's backups and runs: listing them, following a run, and a backup
 * now (member role, audited).
 */
@ApplicationScoped
public class InstanceBackupService {

  private final InventoryService inventory;
  private final PolicyService policies;
  private final RunService runService;
  private final RunRepository runs;
  private final ArtifactRepository artifacts;
  private final AuditService audit;
  private final RetentionView.Source retention;

  InstanceBackupService(
      InventoryService inventory,
      PolicyService policies,
      RunService runService,
      RunRepository runs,
      ArtifactRepository artifacts,
      AuditService audit,
      RetentionView.Source retention) {
    this.inventory = inventory;
    this.policies = policies;
    this.runService = runService;
    this.runs = runs;
    this.artifacts = artifacts;
    this.audit = audit;
    this.retention = retention;
  }

  /** Queues a manual backup of the instance under its effective policy; 409 if it is gone. */
  @Transactional
  public RunResponse runNow(Caller caller, String instanceId, String requestId) {
    caller.require(Role.MEMBER);
    Target target = inventory.instanceFor(caller, instanceId);
    if (target.isGone()) {
      throw new KeeperException(ErrorCode.CONFLICT, "the instance no longer exists in Trove");
    }
    Long policyId = policies.effective(target).map((Policy p) -> p.id).orElse(null);
    Run run = runService.createManual(target.id, target.projectId, policyId);
    RunResponse response = RunResponse.of(run, target.externalId);
    audit.record(
        caller.userId(),
        caller.projectId(),
        "backup.run-now",
        "run",
        String.valueOf(run.id),
        target.projectId,
        null,
        response,
        requestId);
    return response;
  }

  /** The instance's backups, newest first, each with what retention does with it and why. */
  @Transactional
  public Page<BackupResponse> backups(Caller caller, String instanceId, HistoryFilter filter) {
    caller.require(Role.READER);
    Target target = inventory.instanceFor(caller, instanceId);
    Map<String, Object> params = new HashMap<>();
    String query = where(target, filter, "status", params);
    List<Artifact> fetched =
        artifacts.find(query + " order by id desc", params).page(0, filter.limit() + 1).list();
    Page<Artifact> page = Page.of(fetched, filter.limit(), a -> a.id);
    Map<String, RetentionView> views = retention.of(target.id);
    return new Page<>(
        page.items().stream().map(a -> BackupResponse.of(a, views.get(a.externalId))).toList(),
        page.nextCursor());
  }

  /** The instance's runs, newest first; {@code status} filters by run state. */
  @Transactional
  public Page<RunResponse> runs(Caller caller, String instanceId, HistoryFilter filter) {
    caller.require(Role.READER);
    Target target = inventory.instanceFor(caller, instanceId);
    Map<String, Object> params = new HashMap<>();
    String query = where(target, filter, "state", params);
    if (filter.status() != null) {
      params.put("status", state(filter.status()));
    }
    List<Run> fetched =
        runs.find(query + " order by id desc", params).page(0, filter.limit() + 1).list();
    Page<Run> page = Page.of(fetched, filter.limit(), r -> r.id);
    return new Page<>(
        page.items().stream().map(r -> RunResponse.of(r, target.externalId)).toList(),
        page.nextCursor());
  }

  /** One run with its progress; 404 when unknown or of another project. */
  @Transactional
  public RunResponse run(Caller caller, long runId) {
    caller.require(Role.READER);
    Run run = runs.findByIdOptional(runId).orElse(null);
    if (run == null) {
      throw new KeeperException(ErrorCode.NOT_FOUND, "no such run in the project");
    }
    ProjectScope.check(caller, run.projectId);
    return RunResponse.of(run, inventory.find(run.targetId).map(t -> t.externalId).orElse(null));
  }

  private static String where(
      Target target, HistoryFilter filter, String statusField, Map<String, Object> params) {
    StringBuilder query = new StringBuilder("targetId = :target");
    params.put("target", target.id);
    if (filter.status() != null) {
      query.append(" and ").append(statusField).append(" = :status");
      params.put("status", filter.status());
    }
    if (filter.from() != null) {
      query.append(" and createdAt >= :from");
      params.put("from", filter.from());
    }
    if (filter.to() != null) {
      query.append(" and createdAt < :to");
      params.put("to", filter.to());
    }
    if (filter.beforeId() != null) {
      query.append(" and id < :before");
      params.put("before", filter.beforeId());
    }
    return query.toString();
  }

  private static RunState state(String name) {
    try {
      return RunState.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw KeeperException.invalid("state", "must be one of " + List.of(RunState.values()));
    }
  }
}
