package dev.trovekeeper.migration;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trovekeeper.api.KeeperException;
import dev.trovekeeper.archive.ArchiveException;
import dev.trovekeeper.events.EventTypes;
import dev.trovekeeper.inventory.Target;
import dev.trovekeeper.inventory.TargetKind;
import dev.trovekeeper.run.Admission;
import dev.trovekeeper.run.Operation;
import dev.trovekeeper.run.ProgressCheckpoint;
import dev.trovekeeper.run.Run;
import dev.trovekeeper.run.RunExecutor;
import dev.trovekeeper.run.RunLease;
import dev.trovekeeper.run.RunOutcomes;
import dev.trovekeeper.run.RunState;
import dev.trovekeeper.run.RunStore;
import dev.trovekeeper.source.SourceException;
import dev.trovekeeper.storage.StorageException;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One step of a migration run, which is the whole migration: admit under the same limits as a
 * backup, count the attempt, check the datasets again, then one {@link Migrator} pass over the
 * backup into the target tenant, with progress (rows done of total, percent, per-table counts)
 * written under the lease about once a second, where a cancel request is also seen. A step that
 * breaks (a crash, a lost database) is retried by the run engine and converges: the id map makes it
 * update what was written and adopt what was written but not yet mapped.
 */
@ApplicationScoped
public class MigrationExecutor implements RunExecutor {

  /** MariaDB's "duplicate entry for key". */
  private static final int DUPLICATE_KEY = 1062;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final RunStore store;
  private final Admission admission;
  private final RunOutcomes outcomes;
  private final MigrationRepository migrations;
  private final MigrationTargets targets;
  private final MigrationPasses passes;
  private final Event<MigrationBatchWritten> written;
  private final Clock clock;

  MigrationExecutor(
      RunStore store,
      Admission admission,
      RunOutcomes outcomes,
      MigrationRepository migrations,
      MigrationTargets targets,
      MigrationPasses passes,
      Event<MigrationBatchWritten> written,
      Clock clock) {
    this.store = store;
    this.admission = admission;
    this.outcomes = outcomes;
    this.migrations = migrations;
    this.targets = targets;
    this.passes = passes;
    this.written = written;
    this.clock = clock;
  }

  @Override
  public boolean handles(TargetKind kind, Operation operation) {
    return kind == TargetKind.DATASET && operation == Operation.MIGRATE;
  }

  @Override
  public void step(Run run, Target target, RunLease lease) {
    Migration migration = QuarkusTransaction.requiringNew().call(() -> migrations.findById(run.id));
    if (migration == null) {
      end(run, lease, RunState.FAILED, "MIGRATION_MISSING", "the migration's row is gone", null);
      return;
    }
    if (run.cancelRequestedAt != null) {
      end(run, lease, RunState.CANCELLED, "CANCELLED", "cancelled before it started", null);
      return;
    }
    if (!admission.tryAdmit(run.id)) {
      outcomes.waitForSlot(run, lease);
      return;
    }
    Run attempt = outcomes.startWork(lease, "checking the datasets");
    Checkpoint checkpoint = new Checkpoint(lease, run.id);
    try {
      MigrationTargets.Checked checked = targets.recheck(migration);
      MigrationPasses.Outcome outcome =
          passes.pass(checked, migration.scopeId, false, run.id, checkpoint, checkpoint::total);
      String details = details(outcome.result());
      Log.infof("Migration run %d done: %s", run.id, details);
      end(attempt, lease, RunState.SUCCEEDED, null, null, details);
    } catch (Cancelled e) {
      end(attempt, lease, RunState.CANCELLED, "CANCELLED", "cancelled while running", null);
    } catch (MigrationException e) {
      end(attempt, lease, RunState.FAILED, e.code(), e.getMessage(), null);
    } catch (KeeperException e) {
      end(attempt, lease, RunState.FAILED, "MIGRATION_REFUSED", e.getMessage(), null);
    } catch (ArchiveException e) {
      end(attempt, lease, RunState.FAILED, "BACKUP_UNREADABLE", e.getMessage(), null);
    } catch (SourceException e) {
      // a REST target as a whole (unreachable, credentials refused): refusals of single objects
      // are counted as blocked and the pass goes on
      if (e.transientFailure()) {
        outcomes.retryLater(attempt, lease, "TARGET_UNAVAILABLE", e.getMessage());
      } else {
        end(attempt, lease, RunState.FAILED, "TARGET_REFUSED", e.getMessage(), null);
      }
    } catch (StorageException e) {
      if (e.isTransient()) {
        outcomes.retryLater(attempt, lease, "STORAGE_UNAVAILABLE", e.getMessage());
      } else {
        end(attempt, lease, RunState.FAILED, "STORAGE_ERROR", e.getMessage(), null);
      }
    } catch (SQLException e) {
      String state = e.getSQLState() == null ? "" : e.getSQLState();
      if (state.startsWith("08") || state.startsWith("40") || state.startsWith("HY")) {
        outcomes.retryLater(attempt, lease, "TARGET_UNAVAILABLE", e.getMessage());
      } else if (e.getErrorCode() == DUPLICATE_KEY) {
        // a new key taken meanwhile (the tenant's own insert, another migration): the batch was
        // rolled back, the next attempt takes the next free one
        outcomes.retryLater(attempt, lease, "TARGET_KEY_TAKEN", e.getMessage());
      } else {
        end(attempt, lease, RunState.FAILED, "TARGET_REFUSED", e.getMessage(), null);
      }
    }
  }

  private void end(
      Run run, RunLease lease, RunState state, String code, String reason, String details) {
    String type =
        switch (state) {
          case SUCCEEDED -> EventTypes.MIGRATION_SUCCEEDED;
          case CANCELLED -> EventTypes.MIGRATION_CANCELLED;
          default -> EventTypes.MIGRATION_FAILED;
        };
    Map<String, Object> data = new HashMap<>();
    if (run.externalBackupId != null) {
      data.put("backupId", run.externalBackupId);
    }
    if (code != null) {
      data.put("reasonCode", code);
      data.put("reason", reason);
    }
    outcomes.ended(run, lease, state, code, reason, type, data, details);
  }

  /** The run's {@code progress}: rows and per-table counts. */
  static String details(Migrator.Result result) {
    ObjectNode node = JSON.createObjectNode();
    List<TableCounts> tables = result.tables();
    node.put("rows", tables.stream().mapToLong(TableCounts::rows).sum());
    node.put("created", tables.stream().mapToLong(TableCounts::create).sum());
    node.put("updated", tables.stream().mapToLong(TableCounts::update).sum());
    node.put("collisions", result.collisionCount());
    node.set("tables", JSON.valueToTree(tables));
    if (!result.collisions().isEmpty()) {
      node.set("collisionList", JSON.valueToTree(result.collisions()));
    }
    return node.toString();
  }

  /** A tenant asked to cancel the run while it was running. */
  static final class Cancelled extends RuntimeException {
    Cancelled() {
      super("cancelled");
    }
  }

  /** Progress under the lease about once a second; sees cancel requests and interrupts. */
  private final class Checkpoint implements Migrator.Listener {
    private final ProgressCheckpoint checkpoint;
    private final long runId;
    private final Instant started = clock.instant();
    private long total;

    Checkpoint(RunLease lease, long runId) {
      this.checkpoint = new ProgressCheckpoint(store, lease, false);
      this.runId = runId;
    }

    void total(long rows) {
      total = rows;
    }

    @Override
    public void progress(String phase, long rowsDone) {
      if (Thread.interrupted()) {
        throw new IllegalStateException("migration step interrupted (its lease is being given up)");
      }
      if (!checkpoint.due() && rowsDone < total) {
        return;
      }
      long all = Math.max(1, total);
      Instant at = clock.instant();
      long elapsed = Duration.between(started, at).toMillis();
      // the pace so far: rows are about equally costly
      Instant eta =
          rowsDone == 0 ? null : at.plusMillis(elapsed * Math.max(0, all - rowsDone) / rowsDone);
      int percent = 5 + (int) (90 * Math.min(rowsDone, all) / all);
      if (checkpoint.write(
          new ProgressCheckpoint.Progress(percent, phase, rowsDone, total, eta, null))) {
        throw new Cancelled();
      }
    }

    @Override
    public void written(String table, long rowsDone) {
      written.fire(new MigrationBatchWritten(runId, table, rowsDone));
    }
  }
}
