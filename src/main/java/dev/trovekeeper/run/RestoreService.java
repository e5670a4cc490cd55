package dev.trovekeeper.run;

import dev.trovekeeper.api.ErrorCode;
import dev.trovekeeper.api.KeeperException;
import dev.trovekeeper.audit.AuditService;
import dev.trovekeeper.auth.Caller;
import dev.trovekeeper.auth.Role;
import dev.trovekeeper.inventory.InventoryService;
import dev.trovekeeper.inventory.Target;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Queues restores of a Trove backup into a new instance (member role, audited) and restore drills,
 * as runs of the same engine ({@link TroveRestoreExecutor}).
 */
@ApplicationScoped
public class RestoreService {

  private final InventoryService inventory;
  private final RunRepository runs;
  private final ArtifactRepository artifacts;
  private final RestoreRepository restores;
  private final AuditService audit;
  private final Clock clock;

  RestoreService(
      InventoryService inventory,
      RunRepository runs,
      ArtifactRepository artifacts,
      RestoreRepository restores,
      AuditService audit,
      Clock clock) {
    this.inventory = inventory;
    this.runs = runs;
    this.artifacts = artifacts;
    this.restores = restores;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Queues a restore of the instance's backup {@code backupId} (its public id) into a new instance.
   * 404 for an instance or backup that is unknown or of another project (one answer for both); 409
   * for a backup that is not COMPLETED.
   */
  @Transactional
  public RunResponse restore(
      Caller caller, String instanceId, String backupId, RestoreRequest request, String requestId) {
    caller.require(Role.MEMBER);
    Target target = inventory.instanceFor(caller, instanceId);
    Artifact backup =
        artifacts
            .find("publicId = ?1 and targetId = ?2", backupId, target.id)
            .firstResultOptional()
            .orElseThrow(
                () -> new KeeperException(ErrorCode.NOT_FOUND, "no such backup of the instance"));
    if (!"COMPLETED".equals(backup.status)) {
      throw new KeeperException(
          ErrorCode.CONFLICT,
          "only a COMPLETED backup can be restored; this one is " + backup.status);
    }
    RestoreRequest body = request == null ? new RestoreRequest(null, null, null) : request;
    Run run = queue(target, backup, false, body);
    RunResponse response = RunResponse.of(run, target);
    audit.record(
        caller.userId(),
        caller.projectId(),
        "backup.restore",
        "run",
        run.publicId,
        target.projectId,
        null,
        response,
        requestId);
    return response;
  }

  /**
   * Queues a restore drill of the target's newest COMPLETED backup, unless one is queued or running
   * already or the target has no such backup. Joins the caller's transaction.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public Optional<Run> queueDrill(Target target) {
    boolean going =
        runs.count(
                "targetId = ?1 and operation = ?2 and state in ?3",
                target.id,
                Operation.DRILL,
                java.util.List.of(RunState.PENDING, RunState.REQUESTED, RunState.RUNNING))
            > 0;
    if (going) {
      return Optional.empty();
    }
    return artifacts
        .find(
            "targetId = ?1 and status = 'COMPLETED' and deletedAt is null order by createdAt desc,"
                + " id desc",
            target.id)
        .firstResultOptional()
        .map(backup -> queue(target, backup, true, new RestoreRequest(null, null, null)));
  }

  private Run queue(Target target, Artifact backup, boolean drill, RestoreRequest body) {
    Instant now = clock.instant();
    Run run = new Run();
    run.targetId = target.id;
    run.projectId = target.projectId;
    run.operation = drill ? Operation.DRILL : Operation.RESTORE;
    run.trigger = drill ? RunTrigger.SCHEDULED : RunTrigger.MANUAL;
    run.backupType = backup.backupType;
    run.externalBackupId = backup.externalId;
    run.state = RunState.PENDING;
    run.progressPhase = "queued";
    run.createdAt = now;
    run.updatedAt = now;
    runs.persist(run);
    runs.flush(); // the id and public id
    Restore restore = new Restore();
    restore.runId = run.id;
    restore.artifactId = backup.id;
    restore.targetId = target.id;
    restore.projectId = target.projectId;
    restore.drill = drill;
    restore.baseName = body.name();
    restore.flavorRef = body.flavorRef();
    restore.volumeSize = body.volumeSize();
    restores.persist(restore);
    return run;
  }
}
