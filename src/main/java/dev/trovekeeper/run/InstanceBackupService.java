package dev.trovekeeper.run;

import dev.trovekeeper.api.Cursor;
import dev.trovekeeper.api.ErrorCode;
import dev.trovekeeper.api.KeeperException;
import dev.trovekeeper.api.Page;
import dev.trovekeeper.api.RetryLaterException;
import dev.trovekeeper.audit.AuditService;
import dev.trovekeeper.auth.Caller;
import dev.trovekeeper.auth.ProjectScope;
import dev.trovekeeper.auth.Role;
import dev.trovekeeper.events.EventService;
import dev.trovekeeper.events.EventTypes;
import dev.trovekeeper.inventory.InventoryService;
import dev.trovekeeper.inventory.Target;
import dev.trovekeeper.inventory.TargetKind;
import dev.trovekeeper.policy.Policy;
import dev.trovekeeper.policy.PolicyService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
  private final EventService events;
  private final ManualRunConfig manual;
  private final Clock clock;
  private final RetentionView.Source retention;

  InstanceBackupService(
      InventoryService inventory,
      PolicyService policies,
      RunService runService,
      RunRepository runs,
      ArtifactRepository artifacts,
      AuditService audit,
      EventService events,
      ManualRunConfig manual,
      Clock clock,
      RetentionView.Source retention) {
    this.inventory = inventory;
    this.policies = policies;
    this.runService = runService;
    this.runs = runs;
    this.artifacts = artifacts;
    this.audit = audit;
    this.events = events;
    this.manual = manual;
    this.clock = clock;
    this.retention = retention;
  }

  /** Trove's backup statuses and the service's own DELETING / DELETED: the status filter. */
  static final List<String> BACKUP_STATUSES =
      List.of(
          "NEW",
          "BUILDING",
          "SAVING",
          "COMPLETED",
          "FAILED",
          "DELETE_FAILED",
          "DELETING",
          "DELETED");

  /** What a backup-now request did: queued a new run, or found one already queued. */
  public record RunNow(RunResponse run, boolean created) {}

  /**
   * Queues a manual backup of the instance under its effective policy; 409 if it is gone. A run of
   * the instance that is queued and not started yet is answered instead of queueing a second one;
   * more than {@code keeper.run.manual.max-per-day} manual runs in 24 hours are 429.
   */
  @Transactional
  public RunNow runNow(Caller caller, String instanceId, String requestId) {
    caller.require(Role.MEMBER);
    return runNow(caller, inventory.instanceFor(caller, instanceId), requestId);
  }

  /**
   * As {@link #runNow(Caller, String, String)} for a target the caller may see, looked up by its
   * feature (an instance or a dataset); 409 when it is gone.
   */
  @Transactional
  public RunNow runNow(Caller caller, Target given, String requestId) {
    caller.require(Role.MEMBER);
    // The caller's feature may have looked the target up in a transaction of its own.
    Target target = inventory.find(given.id).orElseThrow();
    if (target.isGone()) {
      throw new KeeperException(
          ErrorCode.CONFLICT,
          target.kind == dev.trovekeeper.inventory.TargetKind.DATASET
              ? "the dataset was deleted"
              : "the instance no longer exists in Trove");
    }
    // Serialises run-now requests of one instance, so two at once cannot both queue a run.
    runs.getEntityManager().lock(target, LockModeType.PESSIMISTIC_WRITE);
    Optional<Run> queued =
        runs.find(
                "targetId = ?1 and state = ?2 and startedAt is null and operation = ?3 order by id",
                target.id,
                RunState.PENDING,
                Operation.BACKUP)
            .firstResultOptional();
    if (queued.isPresent()) {
      return new RunNow(RunResponse.of(queued.get(), target), false);
    }
    checkDailyCap(target);
    Long policyId = policies.effective(target).map((Policy p) -> p.id).orElse(null);
    Run run = runService.createManual(target.id, target.projectId, policyId);
    runs.flush(); // assigns the public id
    RunResponse response = RunResponse.of(run, target);
    audit.record(
        caller.userId(),
        caller.projectId(),
        "backup.run-now",
        "run",
        run.publicId,
        target.projectId,
        null,
        response,
        requestId);
    return new RunNow(response, true);
  }

  private void checkDailyCap(Target target) {
    Instant now = clock.instant();
    List<Instant> recent =
        runs.getEntityManager()
            .createQuery(
                "select r.createdAt from Run r where r.targetId = ?1 and r.trigger = ?2"
                    + " and r.state <> ?3 and r.createdAt > ?4 and r.operation = ?5"
                    + " order by r.createdAt",
                Instant.class)
            .setParameter(1, target.id)
            .setParameter(2, RunTrigger.MANUAL)
            .setParameter(3, RunState.CANCELLED)
            .setParameter(4, now.minus(Duration.ofDays(1)))
            .setParameter(5, Operation.BACKUP)
            .getResultList();
    if (recent.size() >= manual.maxPerDay()) {
      Instant next = recent.get(recent.size() - manual.maxPerDay()).plus(Duration.ofDays(1));
      throw new RetryLaterException(
          "at most %d manual backups of a target in 24 hours; the next is allowed at %s"
              .formatted(manual.maxPerDay(), next),
          next);
    }
  }

  /**
   * Cancels a run that is queued and has not started (member role, audited as {@code
   * <operation>.cancel}, event {@code backup.cancelled}, {@code restore.cancelled}, {@code
   * diff.cancelled} or {@code migration.cancelled}); a cancelled run answers as it is; one that
   * started is 409. A queued run a replica holds only to check whether it may start (it waits for a
   * slot, or its project is paused) is cancelled too: the cancel takes the lease from that replica,
   * whose next change of the run then fails on the fence, before it has asked Trove for anything.
   */
  @Transactional
  public RunResponse cancel(Caller caller, String runId, String requestId) {
    caller.require(Role.MEMBER);
    Run run = visibleRun(caller, runId);
    // Row lock: a claim (FOR UPDATE SKIP LOCKED) passes this run by while the cancel decides,
    // and an admission in flight waits for it, then finds the run no longer PENDING.
    runs.getEntityManager().refresh(run, LockModeType.PESSIMISTIC_WRITE);
    Target target = inventory.find(run.targetId).orElse(null);
    if (run.state == RunState.CANCELLED) {
      return RunResponse.of(run, target);
    }
    Instant now = clock.instant();
    if (run.state != RunState.PENDING || run.startedAt != null) {
      if (stoppable(run)) {
        return requestCancel(caller, run, target, requestId, now);
      }
      throw new KeeperException(
          ErrorCode.CONFLICT,
          "the run has started (state " + run.state + "); only a queued run can be cancelled");
    }
    RunResponse before = RunResponse.of(run, target);
    run.state = RunState.CANCELLED;
    run.progressPhase = "cancelled";
    run.reasonCode = "CANCELLED";
    run.reason = "cancelled by " + caller.userId();
    run.finishedAt = now;
    run.nextAttemptAt = null;
    run.claimedBy = null;
    run.claimExpiresAt = null;
    run.leaseToken++; // fences out a replica that holds the run for its admission check
    run.updatedAt = now;
    runs.flush();
    RunResponse after = RunResponse.of(run, target);
    auditCancel(caller, run, before, after, requestId);
    Map<String, Object> data = new HashMap<>();
    data.put("targetId", run.targetId);
    data.put("runId", run.id);
    data.put("trigger", run.trigger.name());
    data.put("cancelledBy", caller.userId());
    events.record(
        cancelledEvent(run.operation), EventTypes.targetSubject(run.targetId), run.projectId, data);
    return after;
  }

  /** The event of a queued run cancelled, named after what the run does. */
  private static String cancelledEvent(Operation operation) {
    return switch (operation) {
      case BACKUP -> EventTypes.BACKUP_CANCELLED;
      case RESTORE, DRILL, RESTORE_DATA -> EventTypes.RESTORE_CANCELLED;
      case DIFF -> EventTypes.DIFF_CANCELLED;
      case MIGRATE -> EventTypes.MIGRATION_CANCELLED;
    };
  }

  /** Audits a cancel once ({@code backup.cancel}, {@code diff.cancel}, ...). */
  private void auditCancel(
      Caller caller, Run run, RunResponse before, RunResponse after, String requestId) {
    String action = cancelledEvent(run.operation).replace(".cancelled", ".cancel");
    audit.record(
        caller.userId(),
        caller.projectId(),
        action,
        "run",
        run.publicId,
        run.projectId,
        before,
        after,
        requestId);
  }

  /**
   * A started backup the service writes itself (a dataset's) or a migration can stop between
   * records; a Trove backup, once asked for, cannot.
   */
  private boolean stoppable(Run run) {
    boolean going =
        run.state == RunState.PENDING
            || run.state == RunState.REQUESTED
            || run.state == RunState.RUNNING;
    return going
        && (run.operation == Operation.BACKUP
            || run.operation == Operation.MIGRATE
            || run.operation == Operation.DIFF
            || run.operation == Operation.RESTORE_DATA)
        && inventory.find(run.targetId).map(t -> t.kind == TargetKind.DATASET).orElse(false);
  }

  /**
   * Marks a started dataset backup for cancelling (audited once); its executor stops at its next
   * check (about a second), deletes the unfinished archive and ends the run CANCELLED.
   */
  private RunResponse requestCancel(
      Caller caller, Run run, Target target, String requestId, Instant now) {
    if (run.cancelRequestedAt != null) {
      return RunResponse.of(run, target);
    }
    RunResponse before = RunResponse.of(run, target);
    run.cancelRequestedAt = now;
    run.updatedAt = now;
    runs.flush();
    RunResponse after = RunResponse.of(run, target);
    auditCancel(caller, run, before, after, requestId);
    return after;
  }

  /** The instance's backups, newest first, each with what retention does with it and why. */
  @Transactional
  public Page<BackupResponse> backups(Caller caller, String instanceId, HistoryFilter filter) {
    caller.require(Role.READER);
    checkStatus(filter);
    return backups(caller, inventory.instanceFor(caller, instanceId), filter);
  }

  /** The backups of a target the caller may see (an instance or a dataset), newest first. */
  @Transactional
  public Page<BackupResponse> backups(Caller caller, Target target, HistoryFilter filter) {
    caller.require(Role.READER);
    checkStatus(filter);
    Map<String, Object> params = new HashMap<>();
    Long before = filter.after() == null ? null : position("Artifact", target, filter.after());
    String query = where(target, filter, before, "status", params);
    List<Artifact> fetched =
        artifacts.find(query + " order by id desc", params).page(0, filter.limit() + 1).list();
    Page<Artifact> page = Page.of(fetched, filter.limit(), a -> a.publicId);
    Map<Long, String> runIds = publicRunIds(page.items());
    Map<String, RetentionView> views = retention.of(target.id);
    return new Page<>(
        page.items().stream()
            .map(a -> BackupResponse.of(a, runIds.get(a.runId), views.get(a.externalId)))
            .toList(),
        page.nextCursor());
  }

  private static void checkStatus(HistoryFilter filter) {
    if (filter.status() != null && !BACKUP_STATUSES.contains(filter.status())) {
      throw KeeperException.invalid("status", "must be one of " + BACKUP_STATUSES);
    }
  }

  /** The instance's runs, newest first; {@code status} filters by run state. */
  @Transactional
  public Page<RunResponse> runs(Caller caller, String instanceId, HistoryFilter filter) {
    caller.require(Role.READER);
    return runs(caller, inventory.instanceFor(caller, instanceId), filter);
  }

  /** The runs of a target the caller may see (an instance or a dataset), newest first. */
  @Transactional
  public Page<RunResponse> runs(Caller caller, Target target, HistoryFilter filter) {
    caller.require(Role.READER);
    Map<String, Object> params = new HashMap<>();
    Long before = filter.after() == null ? null : position("Run", target, filter.after());
    String query = where(target, filter, before, "state", params);
    if (filter.status() != null) {
      params.put("status", state(filter.status()));
    }
    List<Run> fetched =
        runs.find(query + " order by id desc", params).page(0, filter.limit() + 1).list();
    Page<Run> page = Page.of(fetched, filter.limit(), r -> r.publicId);
    return new Page<>(
        page.items().stream().map(r -> RunResponse.of(r, target)).toList(), page.nextCursor());
  }

  /**
   * One run with its progress, by its public id; 404 when unknown or of another project, with the
   * same answer for both.
   */
  @Transactional
  public RunResponse run(Caller caller, String runId) {
    caller.require(Role.READER);
    Run run = visibleRun(caller, runId);
    return RunResponse.of(run, inventory.find(run.targetId).orElse(null))
        .withRestore(restoreView(run));
  }

  /** A run as the progress stream sends it: the run and its row version (the event id). */
  public record RunSnapshot(RunResponse run, long version) {}

  /** The same as {@link #run}, with the version that numbers the progress stream's events. */
  @Transactional
  public RunSnapshot snapshot(Caller caller, String runId) {
    caller.require(Role.READER);
    Run run = visibleRun(caller, runId);
    Target target = inventory.find(run.targetId).orElse(null);
    return new RunSnapshot(RunResponse.of(run, target).withRestore(restoreView(run)), run.version);
  }

  /** What a restore or drill run restored and measured; null for a backup run. */
  private RestoreView restoreView(Run run) {
    if (run.operation == Operation.BACKUP) {
      return null;
    }
    Restore restore = runs.getEntityManager().find(Restore.class, run.id);
    if (restore == null) {
      return null;
    }
    Artifact backup = artifacts.findById(restore.artifactId);
    return RestoreView.of(restore, backup == null ? null : backup.publicId);
  }

  private Run visibleRun(Caller caller, String runId) {
    return runs.findByPublicId(runId)
        .filter(run -> ProjectScope.allows(caller, run.projectId))
        .orElseThrow(() -> new KeeperException(ErrorCode.NOT_FOUND, "no such run in the project"));
  }

  private Map<Long, String> publicRunIds(List<Artifact> items) {
    List<Long> ids = items.stream().map(a -> a.runId).filter(java.util.Objects::nonNull).toList();
    Map<Long, String> publicIds = new HashMap<>();
    if (!ids.isEmpty()) {
      runs.list("id in ?1", ids).forEach(r -> publicIds.put(r.id, r.publicId));
    }
    return publicIds;
  }

  /**
   * The internal id of the item a cursor names, among the instance's own: a cursor of another
   * instance or project is a 400, never a page of rows that are not the caller's.
   */
  private Long position(String entity, Target target, String publicId) {
    return runs.getEntityManager()
        .createQuery(
            "select x.id from " + entity + " x where x.publicId = :key and x.targetId = :target",
            Long.class)
        .setParameter("key", publicId)
        .setParameter("target", target.id)
        .getResultStream()
        .findFirst()
        .orElseThrow(Cursor::invalid);
  }

  private static String where(
      Target target,
      HistoryFilter filter,
      Long before,
      String statusField,
      Map<String, Object> params) {
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
    if (before != null) {
      query.append(" and id < :before");
      params.put("before", before);
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
