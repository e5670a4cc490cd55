package dev.trovekeeper.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trovekeeper.api.Problem.FieldError;
import dev.trovekeeper.testing.Projects;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A tier's minimum interval between scheduled backups bounds its projects' crons. */
class TierMinIntervalTest {

  private static final Instant NOW = Instant.parse("2030-01-15T10:00:00Z");

  private static final TierBounds HOURLY =
      new TierBounds("hourly", null, null, null, null, null, 60);

  private static List<FieldError> violations(String cron) {
    return HOURLY.violations(Projects.cron(cron, 3, MissedRunPolicy.SKIP), NOW);
  }

  @Test
  void aCronFasterThanTheTierMinimumIsOutsideTheTier() {
    List<FieldError> errors = violations("0 */30 * * * ?");
    assertThat(errors).extracting(FieldError::field).containsExactly("cronExpression");
    assertThat(errors.get(0).message())
        .isEqualTo("the cron fires 30m apart; the tier 'hourly' requires at least 60 minutes");
  }

  @Test
  void aCronAtTheTierMinimumOrSlowerIsWithin() {
    assertThat(violations("0 0 * * * ?")).isEmpty();
    assertThat(violations("0 0 3 * * ?")).isEmpty();
    assertThat(violations("0 0 0 1 1 ? 2099")).isEmpty();
  }

  @Test
  void withoutAMinimumAnyIntervalIsWithin() {
    TierBounds none = new TierBounds("none", null, null, null, null, null);
    assertThat(none.violations(Projects.cron("*/2 * * * * ?", 3, MissedRunPolicy.SKIP), NOW))
        .isEmpty();
  }
}
