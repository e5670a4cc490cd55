package dev.trovekeeper.run;

import dev.trovekeeper.inventory.InventoryService;
import dev.trovekeeper.inventory.Target;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.List;

/**
 * The executor port: reads a claimed run and its target and hands it to the executor for the
 * target's kind and the run's operation. What every kind shares is decided here: a run whose target
 * is gone is skipped, and a run no executor of this release can carry out fails with the reason
 * instead of looping.
 */
@ApplicationScoped
public class RunExecutors {

  private final RunStore store;
  private final InventoryService inventory;
  private final RunOutcomes outcomes;
  private final List<RunExecutor> executors;

  RunExecutors(
      RunStore store,
      InventoryService inventory,
      RunOutcomes outcomes,
      Instance<RunExecutor> executors) {
    this.store = store;
    this.inventory = inventory;
    this.outcomes = outcomes;
    this.executors = executors.stream().toList();
  }

  /** Advances the run held by {@code lease} by one step, with the executor for its kind. */
  public void step(RunLease lease) {
    Run run = store.read(lease.runId());
    Target target = inventory.find(run.targetId).orElse(null);
    if (target == null || target.isGone()) {
      outcomes.skip(run, lease, "TARGET_GONE", "the target was deleted");
      return;
    }
    executors.stream()
        .filter(e -> e.handles(target.kind, run.operation))
        .findFirst()
        .ifPresentOrElse(
            e -> e.step(run, target, lease),
            () ->
                outcomes.fail(
                    run,
                    lease,
                    "NO_EXECUTOR",
                    "this release cannot " + run.operation + " a target of kind " + target.kind));
  }
}
