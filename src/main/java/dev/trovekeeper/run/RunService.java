package dev.trovekeeper.run;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** Use cases of runs: creating them (scheduled or on demand) and reading them. */
@ApplicationScoped
public class RunService {

  private final RunRepository runs;
  private final Clock clock;

  RunService(RunRepository runs, Clock clock) {
    this.runs = runs;
    this.clock = clock;
  }

  /**
   * Creates the run of one schedule slot, unless that slot already has one (a slot fires once,
   * enforced again by the unique key on target and slot). Joins the caller's transaction.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public Optional<Run> createForSlot(
      long targetId, String projectId, Long policyId, Instant slot, RunTrigger trigger) {
    if (runs.existsForSlot(targetId, slot)) {
      return Optional.empty();
    }
    return Optional.of(create(targetId, projectId, policyId, slot, trigger));
  }

  /** A backup now, outside the schedule. */
  @Transactional
  public Run createManual(long targetId, String projectId, Long policyId) {
    return create(targetId, projectId, policyId, null, RunTrigger.MANUAL);
  }

  @Transactional
  public Optional<Run> find(long runId) {
    return runs.findByIdOptional(runId);
  }

  private Run create(
      long targetId, String projectId, Long policyId, Instant slot, RunTrigger trigger) {
    Instant now = clock.instant();
    Run run = new Run();
    run.targetId = targetId;
    run.projectId = projectId;
    run.policyId = policyId;
    run.slotAt = slot;
    run.trigger = trigger;
    run.state = RunState.PENDING;
    run.progressPhase = "queued";
    run.createdAt = now;
    run.updatedAt = now;
    runs.persist(run);
    return run;
  }
}
