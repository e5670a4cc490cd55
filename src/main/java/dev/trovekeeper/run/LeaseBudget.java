package dev.trovekeeper.run;

import java.time.Duration;
import java.util.Optional;

/**
 * Pure: the longest one Trove call can take with the client's retries, and whether a run lease
 * covers it. The lease is renewed right before a backup POST (under the fence), so the POST, its
 * retries and a token fetch before it must all end within one lease: only then can a replica that
 * takes an expired run over be sure the previous holder's POST either reached Trove (and is found
 * by its name) or never will.
 */
public final class LeaseBudget {

  private LeaseBudget() {}

  /**
   * {@code attempts} calls that each run into {@code timeout}, the longest wait between two of them
   * ({@code maxDelay}, a Retry-After up to it, plus up to {@code baseDelay} of jitter), and one
   * Keystone token fetch bounded by the same timeout.
   */
  public static Duration worstCaseCall(
      int attempts, Duration timeout, Duration baseDelay, Duration maxDelay) {
    return timeout
        .multipliedBy(attempts + 1L)
        .plus(maxDelay.plus(baseDelay).multipliedBy(Math.max(0, attempts - 1)));
  }

  /** Why {@code lease} is too short for {@code worstCall}, or empty when it is long enough. */
  public static Optional<String> problem(Duration lease, Duration worstCall) {
    if (lease.compareTo(worstCall) > 0) {
      return Optional.empty();
    }
    return Optional.of(
        "keeper.run.lease ("
            + lease.toSeconds()
            + " s) must be longer than the worst case of one Trove call ("
            + worstCall.toMillis() / 1000.0
            + " s = (retry-max-attempts + 1) x timeout + (retry-max-attempts - 1) x"
            + " (retry-max-delay + retry-base-delay) of keeper.openstack): raise KEEPER_RUN_LEASE or"
            + " lower those, otherwise a slow replica and the one taking its run over could both"
            + " post a backup");
  }
}
