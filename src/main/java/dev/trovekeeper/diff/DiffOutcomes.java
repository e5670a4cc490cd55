package dev.trovekeeper.diff;

import dev.trovekeeper.events.EventService;
import dev.trovekeeper.events.EventTypes;
import dev.trovekeeper.run.Run;
import dev.trovekeeper.run.RunLease;
import dev.trovekeeper.run.RunState;
import dev.trovekeeper.run.RunStore;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * How a diff run ends, each one transaction over the run (fenced by its lease) with the outgoing
 * event: {@code diff.succeeded}, {@code diff.failed} or {@code diff.cancelled}.
 */
@ApplicationScoped
class DiffOutcomes {

  private final RunStore store;
  private final EventService events;
  private final Clock clock;

  DiffOutcomes(RunStore store, EventService events, Clock clock) {
    this.store = store;
    this.events = events;
    this.clock = clock;
  }

  void succeeded(RunLease lease, DiffMerge.Counts totals, String details) {
    store.release(
        lease,
        r -> {
          end(r, RunState.SUCCEEDED, null, null, details);
          r.progressPercent = 100;
          Map<String, Object> data = data(r);
          data.put("added", totals.added);
          data.put("changed", totals.changed);
          data.put("removed", totals.removed);
          events.record(EventTypes.DIFF_SUCCEEDED, subject(r), r.projectId, data);
        });
  }

  void failed(Run run, RunLease lease, String code, String reason) {
    Log.warnf("Diff run %d of target %d failed: %s %s", run.id, run.targetId, code, reason);
    store.release(
        lease,
        r -> {
          end(r, RunState.FAILED, code, reason, null);
          Map<String, Object> data = data(r);
          data.put("reasonCode", code);
          data.put("reason", r.reason);
          events.record(EventTypes.DIFF_FAILED, subject(r), r.projectId, data);
        });
  }

  void cancelled(RunLease lease, String details) {
    store.release(
        lease,
        r -> {
          end(r, RunState.CANCELLED, "CANCELLED", "cancelled while running", details);
          events.record(EventTypes.DIFF_CANCELLED, subject(r), r.projectId, data(r));
        });
  }

  private void end(Run r, RunState state, String code, String reason, String details) {
    r.state = state;
    r.reasonCode = code;
    r.reason = reason == null || reason.length() <= 1000 ? reason : reason.substring(0, 1000);
    r.progressPhase = state == RunState.SUCCEEDED ? "done" : state.name().toLowerCase();
    if (details != null) {
      r.progressDetails = details;
    }
    r.finishedAt = clock.instant();
    r.nextAttemptAt = null;
    r.etaAt = null;
  }

  private static String subject(Run run) {
    return EventTypes.targetSubject(run.targetId);
  }

  private static Map<String, Object> data(Run run) {
    Map<String, Object> data = new HashMap<>();
    data.put("targetId", run.targetId);
    data.put("runId", run.id);
    data.put("diffId", run.publicId);
    return data;
  }
}
