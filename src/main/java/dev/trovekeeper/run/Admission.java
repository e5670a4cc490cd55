package dev.trovekeeper.run;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;

/**
 * Admits a run to start under the limits: one run per target, at most {@code fleet-concurrency}
 * fleet-wide and {@code project-concurrency} per project, nothing while the fleet or the run's
 * project is paused. Decisions are serialised on the fleet_control row, so replicas never overshoot
 * together.
 */
@ApplicationScoped
public class Admission {

  private final RunRepository runs;
  private final RunConfig config;
  private final PauseState pauses;
  private final Clock clock;

  Admission(RunRepository runs, RunConfig config, PauseState pauses, Clock clock) {
    this.runs = runs;
    this.config = config;
    this.pauses = pauses;
    this.clock = clock;
  }

  /** True when the run may start now; it is then marked started in the same transaction. */
  @Transactional
  public boolean tryAdmit(long runId) {
    Object paused =
        runs.getEntityManager()
            .createNativeQuery("SELECT paused FROM fleet_control WHERE id = 1 FOR UPDATE")
            .getSingleResult();
    if (Boolean.TRUE.equals(paused) || Integer.valueOf(1).equals(paused)) {
      return false;
    }
    Run run = runs.findById(runId);
    if (run.startedAt != null) {
      return true;
    }
    if (run.state != RunState.PENDING) {
      return false; // cancelled while its worker held it for this check
    }
    if (pauses.isProjectPaused(run.projectId)) {
      return false;
    }
    Instant now = clock.instant();
    // One run per target counts every started run (a crashed replica's run may still be taken
    // over); the fleet and project limits count only runs whose lease has not run out.
    boolean free =
        runs.countStartedForTarget(run.targetId, run.id) == 0
            && runs.countStarted(now) < config.fleetConcurrency()
            && runs.countStartedInProject(run.projectId, now) < config.projectConcurrency();
    if (free) {
      run.startedAt = now;
      run.updatedAt = run.startedAt;
    }
    return free;
  }
}
