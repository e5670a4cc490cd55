package dev.trovekeeper.run;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Pure: whether a run lease and its renewal interval fit together, and when a worker that could not
 * renew must give its step up. A worker renews the leases of the runs it steps every renewal
 * interval, so a step may last longer than a lease (a slow Trove call); the lease only has to
 * outlast one renewal that fails or comes late. A replica that crashed stops renewing and its runs
 * are taken over one lease later.
 */
public final class LeaseBudget {

  private LeaseBudget() {}

  /** Why {@code lease} is too short for {@code renewal}, or empty when it is long enough. */
  public static Optional<String> problem(Duration lease, Duration renewal) {
    if (renewal.isNegative() || renewal.isZero()) {
      return Optional.of(
          "keeper.run.lease-renewal (" + renewal.toMillis() + " ms) must be longer than 0");
    }
    if (lease.compareTo(renewal.multipliedBy(2)) > 0) {
      return Optional.empty();
    }
    return Optional.of(
        "keeper.run.lease ("
            + lease.toMillis() / 1000.0
            + " s) must be longer than twice keeper.run.lease-renewal ("
            + renewal.toMillis() / 1000.0
            + " s), so that one renewal may fail or come late and the next still lands before the"
            + " lease runs out: raise KEEPER_RUN_LEASE or lower KEEPER_RUN_LEASE_RENEWAL");
  }

  /**
   * Whether a worker whose lease was last renewed up to {@code validUntil} must stop its step now:
   * the next renewal (one interval away) would come too late, and another replica could take the
   * run over while a Trove call of this worker is still in flight.
   */
  public static boolean mustAbandon(Instant validUntil, Instant now, Duration renewal) {
    return !now.plus(renewal).isBefore(validUntil);
  }
}
