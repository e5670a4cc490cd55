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
   * A replica holds a run this long per step (renewed before the POST); a crashed replica's runs
   * are taken over after it. Longer than the worst sequence of Trove retries with timeouts.
   */
  @WithDefault("2m")
  Duration lease();

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

  /** First pause between two status polls of a running backup. */
  @WithDefault("2s")
  Duration pollBaseDelay();

  /** Longest pause between two status polls. */
  @WithDefault("60s")
  Duration pollMaxDelay();

  /** A run waiting for a concurrency slot looks again after this long. */
  @WithDefault("2s")
  Duration admissionRetryDelay();
}
