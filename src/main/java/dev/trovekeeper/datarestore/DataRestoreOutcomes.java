package dev.trovekeeper.datarestore;

import dev.trovekeeper.events.EventTypes;
import dev.trovekeeper.run.Run;
import dev.trovekeeper.run.RunLease;
import dev.trovekeeper.run.RunOutcomes;
import dev.trovekeeper.run.RunState;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;

/**
 * How a restore of tenant data ends, each one transaction over its run with the outgoing event:
 * {@code restore.succeeded}, {@code restore.partial} (some objects refused), {@code restore.failed}
 * or {@code restore.cancelled}, each with {@code kind} {@code DATA}.
 */
@ApplicationScoped
class DataRestoreOutcomes {

  private final RunOutcomes outcomes;
  private final DataRestoreStore store;

  DataRestoreOutcomes(RunOutcomes outcomes, DataRestoreStore store) {
    this.outcomes = outcomes;
    this.store = store;
  }

  /** Every selected object was looked at: SUCCEEDED, or PARTIAL when some were refused. */
  void finished(
      Run run, RunLease lease, DataRestoreStore.Row row, RestoreCounts c, String details) {
    Map<String, Object> data = data(run, row);
    data.put("updated", c.updated);
    data.put("created", c.created);
    data.put("deleted", c.deleted);
    data.put("unchanged", c.unchanged);
    data.put("skipped", c.skipped);
    data.put("failed", c.failed);
    if (c.failed > 0) {
      outcomes.ended(
          run,
          lease,
          RunState.PARTIAL,
          "OBJECTS_REFUSED",
          c.failed + " objects were refused by the source (see the restore's error log)",
          EventTypes.RESTORE_PARTIAL,
          data,
          details);
    } else {
      outcomes.ended(
          run, lease, RunState.SUCCEEDED, null, null, EventTypes.RESTORE_SUCCEEDED, data, details);
    }
  }

  void failed(Run run, RunLease lease, DataRestoreStore.Row row, String code, String reason) {
    Map<String, Object> data = data(run, row);
    data.put("reasonCode", code);
    data.put("reason", reason);
    outcomes.ended(
        run, lease, RunState.FAILED, code, reason, EventTypes.RESTORE_FAILED, data, null);
  }

  void cancelled(Run run, RunLease lease, DataRestoreStore.Row row, String details) {
    outcomes.ended(
        run,
        lease,
        RunState.CANCELLED,
        "CANCELLED",
        "cancelled; objects written before stay written",
        EventTypes.RESTORE_CANCELLED,
        data(run, row),
        details);
  }

  private Map<String, Object> data(Run run, DataRestoreStore.Row row) {
    Map<String, Object> data = new HashMap<>();
    data.put("kind", "DATA");
    data.put("restoreId", run.publicId);
    if (row != null) {
      data.put("backupId", row.backupPublicId());
      if (row.safetyRunId() != null) {
        store.safetyBackup(row.safetyRunId()).ifPresent(id -> data.put("safetyBackupId", id));
      }
    }
    return data;
  }
}
