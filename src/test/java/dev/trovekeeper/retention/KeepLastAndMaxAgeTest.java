package dev.trovekeeper.retention;

import static dev.trovekeeper.retention.History.assertKeptOnly;
import static dev.trovekeeper.retention.History.completed;
import static dev.trovekeeper.retention.History.daysAgo;
import static dev.trovekeeper.retention.History.decide;
import static dev.trovekeeper.retention.History.deletedIds;
import static dev.trovekeeper.retention.History.deletion;
import static dev.trovekeeper.retention.History.keptIds;
import static dev.trovekeeper.retention.History.reasons;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trovekeeper.policy.RetentionRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeepLastAndMaxAgeTest {

  @Test
  void keepLastLargerThanTheCountKeepsEverything() {
    RetentionDecision decision =
        decide(
            RetentionRule.builder().keepLast(10).build(),
            completed("a", daysAgo(3)),
            completed("b", daysAgo(2)),
            completed("c", daysAgo(1)));

    assertThat(keptIds(decision)).containsExactly("a", "b", "c");
    assertThat(decision.delete()).isEmpty();
    assertThat(reasons(decision, "a")).containsExactly(KeepReason.KEEP_LAST);
    assertThat(reasons(decision, "c"))
        .containsExactly(KeepReason.NEWEST_COMPLETED, KeepReason.KEEP_LAST);
  }

  @Test
  void keepLastOneKeepsOnlyTheNewestAndDeletesOldestFirst() {
    RetentionDecision decision =
        decide(
            RetentionRule.builder().keepLast(1).build(),
            completed("c", daysAgo(2)),
            completed("d", daysAgo(1)),
            completed("a", daysAgo(4)),
            completed("b", daysAgo(3)));

    assertKeptOnly(decision, "d");
    assertThat(deletedIds(decision)).containsExactly("a", "b", "c");
    assertThat(decision.delete()).allMatch(d -> d.reason() == DeleteReason.EXPIRED);
    assertThat(decision.toRequest()).containsExactly("a", "b", "c");
  }

  @Test
  void keepLastKeepsTheNewestN() {
    RetentionDecision decision =
        decide(
            RetentionRule.builder().keepLast(3).build(),
            completed("a", daysAgo(5)),
            completed("b", daysAgo(4)),
            completed("c", daysAgo(3)),
            completed("d", daysAgo(2)),
            completed("e", daysAgo(1)));

    assertThat(keptIds(decision)).containsExactly("c", "d", "e");
    assertThat(deletedIds(decision)).containsExactly("a", "b");
  }

  @Test
  void backupsCreatedInTheSameSecondAreOrderedByIdWhateverTheInputOrder() {
    List<BackupRecord> backups = new ArrayList<>();
    for (String id : List.of("x1", "x2", "x3", "x4")) {
      backups.add(completed(id, daysAgo(1)));
    }
    RetentionRule rule = RetentionRule.builder().keepLast(2).build();
    RetentionDecision first = Retention.decide(rule, backups, History.NOW);

    Collections.shuffle(backups, new Random(3));
    RetentionDecision second = Retention.decide(rule, backups, History.NOW);

    assertThat(second).isEqualTo(first);
    assertThat(keptIds(first)).containsExactly("x3", "x4");
    assertThat(deletedIds(first)).containsExactly("x1", "x2");
  }

  @Test
  void maxAgeKeepsABackupExactlyAtTheLimitAndDeletesOneASecondOlder() {
    RetentionDecision decision =
        decide(
            RetentionRule.builder().maxAgeDays(7).build(),
            completed("older", History.NOW.minus(Duration.ofDays(7)).minusSeconds(1)),
            completed("limit", History.NOW.minus(Duration.ofDays(7))),
            completed("recent", daysAgo(1)));

    assertThat(keptIds(decision)).containsExactly("limit", "recent");
    assertThat(reasons(decision, "limit")).containsExactly(KeepReason.WITHIN_MAX_AGE);
    assertThat(deletion(decision, "older").reason()).isEqualTo(DeleteReason.EXPIRED);
  }

  @Test
  void maxAgeAloneNeverDeletesTheNewestCompletedEvenWhenEverythingExpired() {
    RetentionDecision decision =
        decide(
            RetentionRule.builder().maxAgeDays(7).build(),
            completed("a", daysAgo(30)),
            completed("b", daysAgo(20)),
            completed("c", daysAgo(10)));

    assertKeptOnly(decision, "c");
    assertThat(reasons(decision, "c")).containsExactly(KeepReason.NEWEST_COMPLETED);
    assertThat(deletedIds(decision)).containsExactly("a", "b");
  }

  @Test
  void backupsFromTheFutureCountAsYoung() {
    RetentionDecision decision =
        decide(
            RetentionRule.builder().maxAgeDays(1).build(),
            completed("old", daysAgo(3)),
            completed("skewed", daysAgo(-0.5)),
            completed("recent", daysAgo(0.5)));

    assertThat(keptIds(decision)).containsExactly("recent", "skewed");
    assertThat(reasons(decision, "skewed"))
        .containsExactly(KeepReason.NEWEST_COMPLETED, KeepReason.WITHIN_MAX_AGE);
  }

  @Test
  void emptyHistoryGivesAnEmptyDecision() {
    RetentionDecision decision = decide(RetentionRule.builder().keepLast(1).build());

    assertThat(decision.keep()).isEmpty();
    assertThat(decision.delete()).isEmpty();
    assertThat(decision.toRequest()).isEmpty();
  }
}
