package dev.trovekeeper.run;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How runs are executed: limits, leases, retries and polling. */
@ConfigMapping(prefix = "keeper.run")
public interface RunConfig {

  /** Execute runs on this replica. */
  @WithDefault("true")
  boolean enabled();

  /** Runs started (backup requested and not finished) at once, fleet-wide. */
  @WithDefault("20")
  int fleetConcurrency();

  /** Runs started at once within one project (Trove rate-limits per tenant). */
  @WithDefault("4")
  int projectConcurrency();

  /** Threads executing run steps on this replica. */
  @WithDefault("8")
  int workers();

  /**
   * A replica holds a run this long without renewing it; a crashed replica's runs are taken over
   * (and stop counting toward the concurrency limits) at most this long after it died. While a
   * worker steps a run it renews the lease every {@link #leaseRenewal()}, so a step may take longer
   * than the lease (a slow Trove call); must be longer than twice the renewal interval (checked at
   * startup, see {@link LeaseBudget}).
   */
  @WithDefault("30s")
  Duration lease();

  /**
   * How often a worker renews the leases of the runs it is stepping. A renewal that finds the run
   * taken over ends that step at its next change; a worker that cannot renew (database unreachable)
   * stops its step before its lease runs out, so a replica taking the run over never races it.
   */
  @WithDefault("10s")
  Duration leaseRenewal();

  /** Steps ending in an unexpected error after which the run ends FAILED (STEP_FAILED). */
  @WithDefault("3")
  int maxStepFailures();

  /** Pause between two looks for runnable runs when there were none. */
  @WithDefault("250ms")
  Duration pollInterval();

  /** Attempts to get a backup made (422 busy, rate limits, 5xx, a backup that FAILED). */
  @WithDefault("5")
  int maxAttempts();

  /** First retry delay; doubled each attempt. */
  @WithDefault("5s")
  Duration retryBaseDelay();

  /** Longest retry delay. */
  @WithDefault("5m")
  Duration retryMaxDelay();

  /**
   * Shortest pause before a status poll of a running backup; the first poll waits for the backup's
   * expected duration when its instance (or project) has a history.
   */
  @WithDefault("2s")
  Duration pollBaseDelay();

  /** Longest pause between two status polls. */
  @WithDefault("60s")
  Duration pollMaxDelay();

  /** A run waiting for a concurrency slot looks again after this long. */
  @WithDefault("2s")
  Duration admissionRetryDelay();

  /**
   * On shutdown, how long the steps being executed may take to finish; steps still running after it
   * are interrupted and their runs taken over by another replica once their lease ends.
   */
  @WithDefault("20s")
  Duration shutdownGrace();
}
