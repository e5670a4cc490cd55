package dev.trovekeeper.retention;

import static dev.trovekeeper.retention.History.NOW;
import static dev.trovekeeper.retention.History.completed;
import static dev.trovekeeper.retention.History.daysAgo;
import static dev.trovekeeper.retention.History.deletedIds;
import static dev.trovekeeper.retention.History.incremental;
import static dev.trovekeeper.retention.History.keptIds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trovekeeper.policy.RetentionRule;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A deleted target under KEEP_FINAL keeps its final backup for a while, then nothing. */
class AfterDeleteTest {

  private static final RetentionRule KEEP_FIVE = RetentionRule.builder().keepLast(5).build();
  private static final List<BackupRecord> BACKUPS =
      List.of(
          completed("a", daysAgo(4)),
          completed("b", daysAgo(3)),
          incremental("c", "b", daysAgo(2)),
          incremental("d", "c", daysAgo(1)));

  @Test
  void withinTheFinalPeriodOnlyTheNewestBackupAndItsChainStay() {
    RetentionDecision decision =
        Retention.decide(KEEP_FIVE, BACKUPS, NOW, NOW.plus(Duration.ofDays(1)));

    assertThat(keptIds(decision)).containsExactly("b", "c", "d");
    assertThat(deletedIds(decision)).containsExactly("a");
  }

  @Test
  void afterTheFinalPeriodEveryBackupGoes() {
    RetentionDecision decision = Retention.decide(KEEP_FIVE, BACKUPS, NOW, NOW);

    assertThat(decision.keep()).isEmpty();
    assertThat(decision.toRequest()).containsExactly("a", "b");
  }

  @Test
  void withoutAFinalPeriodTheRulesGoOn() {
    assertThat(keptIds(Retention.decide(KEEP_FIVE, BACKUPS, NOW, null)))
        .containsExactly("a", "b", "c", "d");
  }
}
