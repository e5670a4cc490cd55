package dev.trovekeeper.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trovekeeper.policy.MissedRunPolicy;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The lease outlasts a late renewal; late slots collapse under the policy. */
class LeaseBudgetTest {

  @Test
  void theDefaultLeaseOutlastsOneLateRenewalAndAShorterOneIsRefused() {
    assertThat(LeaseBudget.problem(Duration.ofSeconds(30), Duration.ofSeconds(10))).isEmpty();
    assertThat(LeaseBudget.problem(Duration.ofSeconds(20), Duration.ofSeconds(10)))
        .hasValueSatisfying(
            p ->
                assertThat(p)
                    .contains("keeper.run.lease (20.0 s)", "keeper.run.lease-renewal (10.0 s)"));
    assertThat(LeaseBudget.problem(Duration.ofSeconds(30), Duration.ZERO)).isPresent();
  }

  @Test
  void aWorkerThatCouldNotRenewGivesUpBeforeItsLeaseRunsOut() {
    Instant renewed = Instant.parse("2026-01-01T00:00:00Z");
    Instant validUntil = renewed.plusSeconds(30);
    Duration renewal = Duration.ofSeconds(10);
    // One renewal failed at +10 s: the next at +20 s still lands in time.
    assertThat(LeaseBudget.mustAbandon(validUntil, renewed.plusSeconds(10), renewal)).isFalse();
    // The second failed at +20 s: the third would come at the very end of the lease.
    assertThat(LeaseBudget.mustAbandon(validUntil, renewed.plusSeconds(20), renewal)).isTrue();
  }

  @Test
  void aLaterWaitingSlotSupersedesUnderSkipAndRunOnceAndBackfillKeepsItsMaximum() {
    assertThat(MissedSlots.superseded(MissedRunPolicy.RUN_ONCE, null, 0)).isFalse();
    assertThat(MissedSlots.superseded(MissedRunPolicy.RUN_ONCE, null, 1)).isTrue();
    assertThat(MissedSlots.superseded(MissedRunPolicy.SKIP, null, 3)).isTrue();
    assertThat(MissedSlots.superseded(MissedRunPolicy.BACKFILL, 3, 2)).isFalse();
    assertThat(MissedSlots.superseded(MissedRunPolicy.BACKFILL, 3, 3)).isTrue();
  }
}
