package dev.trovekeeper.run;

import dev.trovekeeper.inventory.Target;
import dev.trovekeeper.inventory.TargetKind;

/**
 * Carries out runs of one kind of work: a Trove backup of an instance, a backup of a tenant
 * dataset, later restores and migrations. The run engine (claiming, leases, admission limits,
 * retries, progress, events) is the same for every kind; only the executor differs. Implementations
 * are CDI beans; {@link RunExecutors} picks the one that {@link #handles} a run.
 */
public interface RunExecutor {

  /** Whether this executor carries out {@code operation} on targets of {@code kind}. */
  boolean handles(TargetKind kind, Operation operation);

  /**
   * Advances the run held by {@code lease} by one step and releases it (through {@link
   * RunOutcomes}). The target exists and is not gone. Throwing counts as a step failure (bounded,
   * see {@code keeper.run.max-step-failures}).
   */
  void step(Run run, Target target, RunLease lease);
}
