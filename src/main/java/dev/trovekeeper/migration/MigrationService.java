package dev.trovekeeper.migration;

import dev.trovekeeper.api.ErrorCode;
import dev.trovekeeper.api.KeeperException;
import dev.trovekeeper.audit.AuditService;
import dev.trovekeeper.auth.Caller;
import dev.trovekeeper.auth.Role;
import dev.trovekeeper.run.InstanceBackupService;
import dev.trovekeeper.run.Operation;
import dev.trovekeeper.run.Run;
import dev.trovekeeper.run.RunRepository;
import dev.trovekeeper.run.RunResponse;
import dev.trovekeeper.run.RunState;
import dev.trovekeeper.run.RunTrigger;
import dev.trovekeeper.storage.StorageException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Migrations of a dataset's backup (tenant A) into another dataset of the same database or REST API
 * (tenant B): the dry-run plan, answered at once and writing nothing, and the migration itself,
 * queued as a run of the target dataset (claimed by any replica, progress, cancel, audit, events).
 */
@ApplicationScoped
public class MigrationService {

  private final MigrationTargets targets;
  private final MigrationScopes scopes;
  private final MigrationPasses passes;
  private final MigrationRepository migrations;
  private final RunRepository runs;
  private final InstanceBackupService runViews;
  private final AuditService audit;
  private final Clock clock;

  MigrationService(
      MigrationTargets targets,
      MigrationScopes scopes,
      MigrationPasses passes,
      MigrationRepository migrations,
      RunRepository runs,
      InstanceBackupService runViews,
      AuditService audit,
      Clock clock) {
    this.targets = targets;
    this.scopes = scopes;
    this.passes = passes;
    this.migrations = migrations;
    this.runs = runs;
    this.runViews = runViews;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * What migrating the backup into the target dataset would do (reader role). Reads the backup, the
   * id map and the target tenant's rows; writes nothing.
   */
  public MigrationPlan plan(Caller caller, String datasetId, MigrationRequest request) {
    caller.require(Role.READER);
    MigrationTargets.Checked checked = targets.check(caller, datasetId, request);
    MigrationPasses.Outcome outcome;
    try {
      outcome = passes.pass(checked, scopes.find(checked), true, 0, (p, d) -> {}, t -> {});
    } catch (MigrationException e) {
      throw new KeeperException(ErrorCode.MIGRATION_REFUSED, e.getMessage());
    } catch (SQLException | StorageException | dev.trovekeeper.source.SourceException e) {
      throw new KeeperException(
          ErrorCode.UPSTREAM_UNAVAILABLE,
          "the backup or the target database cannot be read now: " + e.getMessage());
    }
    return plan(checked, outcome);
  }

  static MigrationPlan plan(MigrationTargets.Checked checked, MigrationPasses.Outcome outcome) {
    List<TableCounts> tables = outcome.result().tables();
    Map<String, TableCounts> byTable = new java.util.HashMap<>();
    tables.forEach(t -> byTable.put(t.table(), t));
    List<MigrationPlan.Cycle> cycles = new ArrayList<>();
    if (outcome.brokenCycles() != null) {
      cycles.addAll(outcome.brokenCycles());
    }
    for (List<String> cycle :
        outcome.brokenCycles() != null ? List.<List<String>>of() : outcome.cycles()) {
      List<MigrationPlan.BrokenReference> broken = new ArrayList<>();
      for (String table : cycle) {
        TableMapping m = outcome.mappings().get(table);
        for (TableMapping.Ref ref : m.references()) {
          if (ref.deferred() && cycle.contains(ref.table())) {
            broken.add(
                new MigrationPlan.BrokenReference(
                    table, ref.name(), ref.columns(), ref.table(), byTable.get(table).deferred()));
          }
        }
      }
      cycles.add(new MigrationPlan.Cycle(cycle, broken));
    }
    return new MigrationPlan(
        checked.backup().publicId,
        checked.source().externalId,
        checked.target().externalId,
        tables,
        cycles,
        outcome.result().collisions(),
        outcome.result().collisionCount(),
        tables.stream().mapToLong(TableCounts::create).sum(),
        tables.stream().mapToLong(TableCounts::update).sum());
  }

  /**
   * Queues the migration as a run of the target dataset (member role, audited); the answer is the
   * run, to follow at {@code /v1/runs/{id}}.
   */
  @Transactional
  public RunResponse start(
      Caller caller, String datasetId, MigrationRequest request, String requestId) {
    caller.require(Role.MEMBER);
    MigrationTargets.Checked checked = targets.check(caller, datasetId, request);
    Instant now = clock.instant();
    Run run = new Run();
    run.targetId = checked.target().id;
    run.projectId = checked.target().projectId;
    run.operation = Operation.MIGRATE;
    run.trigger = RunTrigger.MANUAL;
    run.state = RunState.PENDING;
    run.externalBackupId = checked.backup().externalId;
    run.progressPhase = "queued";
    run.createdAt = now;
    run.updatedAt = now;
    runs.persist(run);
    runs.flush(); // the id and the public id
    Migration migration = new Migration();
    migration.runId = run.id;
    migration.projectId = run.projectId;
    migration.sourceTargetId = checked.source().id;
    migration.targetTargetId = checked.target().id;
    migration.artifactId = checked.backup().id;
    migration.scopeId = scopes.findOrCreate(checked);
    migrations.persist(migration);
    RunResponse response = runViews.run(caller, run.publicId);
    audit.record(
        caller.userId(),
        caller.projectId(),
        "dataset.migrate",
        "run",
        run.publicId,
        run.projectId,
        null,
        Map.of(
            "backupId",
            checked.backup().publicId,
            "sourceDatasetId",
            checked.source().externalId,
            "targetDatasetId",
            checked.target().externalId,
            "runId",
            run.publicId),
        requestId);
    return response;
  }
}
