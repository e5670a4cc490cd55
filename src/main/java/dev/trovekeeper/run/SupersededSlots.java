package dev.trovekeeper.run;

import dev.trovekeeper.inventory.Target;
import dev.trovekeeper.policy.MissedRunPolicy;
import dev.trovekeeper.policy.Policy;
import dev.trovekeeper.policy.PolicyService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The missed-run policy applied to a run about to start, for every target kind: a scheduled run
 * that has not made its backup yet gives way to later slots of its target that wait too (it ends
 * SKIPPED {@code SLOT_SUPERSEDED}), as {@link MissedSlots} decides from the effective policy.
 */
@ApplicationScoped
public class SupersededSlots {

  private final RunStore store;
  private final PolicyService policies;
  private final RunOutcomes outcomes;

  SupersededSlots(RunStore store, PolicyService policies, RunOutcomes outcomes) {
    this.store = store;
    this.policies = policies;
    this.outcomes = outcomes;
  }

  /** Ends the run SKIPPED when later slots supersede it; true when it did. */
  public boolean skipIfSuperseded(Run run, Target target, RunLease lease) {
    long newer = store.newerWaitingSlots(run);
    if (newer == 0) {
      return false;
    }
    Optional<Policy> policy = policies.effective(target);
    boolean superseded =
        MissedSlots.superseded(
            policy.map(p -> p.missedRunPolicy).orElse(MissedRunPolicy.RUN_ONCE),
            policy.map(p -> p.backfillMax).orElse(null),
            newer);
    if (superseded) {
      outcomes.skip(
          run,
          lease,
          "SLOT_SUPERSEDED",
          "slot "
              + run.slotAt
              + " could not run in time and "
              + newer
              + " later slot(s) wait"
              + " (missed-run policy)");
    }
    return superseded;
  }
}
