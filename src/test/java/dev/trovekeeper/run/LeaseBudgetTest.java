package dev.trovekeeper.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trovekeeper.policy.MissedRunPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The lease covers one Trove call's worst case; late slots collapse under the policy. */
class LeaseBudgetTest {

  @Test
  void theDefaultsFitTheDefaultLeaseAndThirtySecondsDoNot() {
    Duration worst =
        LeaseBudget.worstCaseCall(
            4, Duration.ofSeconds(10), Duration.ofMillis(500), Duration.ofSeconds(10));
    // 5 x 10 s (4 attempts and a token fetch) + 3 x 10.5 s between attempts
    assertThat(worst).isEqualTo(Duration.ofMillis(81_500));
    assertThat(LeaseBudget.problem(Duration.ofMinutes(2), worst)).isEmpty();
    assertThat(LeaseBudget.problem(Duration.ofSeconds(30), worst))
        .hasValueSatisfying(p -> assertThat(p).contains("keeper.run.lease (30 s)", "81.5 s"));
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
