package dev.trovekeeper.retention;

import static dev.trovekeeper.retention.BackupState.FAILED;
import static dev.trovekeeper.retention.History.completed;
import static dev.trovekeeper.retention.History.daysAgo;
import static dev.trovekeeper.retention.History.decide;
import static dev.trovekeeper.retention.History.deletedIds;
import static dev.trovekeeper.retention.History.deletion;
import static dev.trovekeeper.retention.History.inState;
import static dev.trovekeeper.retention.History.keptIds;
import static dev.trovekeeper.retention.History.reasons;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trovekeeper.policy.RetentionRule;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StatesTest {

  private static final RetentionRule KEEP_LAST_ONE = RetentionRule.builder().keepLast(1).build();

  @Test
  void runningBackupsAreNeverDeletedAndAreNotTheNewestCompleted() {
    RetentionDecision decision =
        decide(
            RetentionRule.builder().maxAgeDays(1).build(),
            inState("stuck", daysAgo(90), BackupState.RUNNING),
            completed("old", daysAgo(10)),
            completed("good", daysAgo(5)),
            inState("running", daysAgo(0.01), BackupState.RUNNING));

    assertThat(keptIds(decision)).containsExactly("stuck", "good", "running");
    assertThat(reasons(decision, "stuck")).containsExactly(KeepReason.RUNNING);
    assertThat(reasons(decision, "good")).containsExactly(KeepReason.NEWEST_COMPLETED);
    assertThat(deletedIds(decision)).containsExactly("old");
  }

  @Test
  void theNewestCompletedStaysWhenOnlyFailedBackupsAreNewer() {
    RetentionDecision decision =
        decide(
            RetentionRule.builder().maxAgeDays(1).build(),
            completed("last-good", daysAgo(30)),
            inState("failed-old", daysAgo(10), BackupState.FAILED),
            inState("failed-new", daysAgo(0.1), BackupState.FAILED),
            inState("delete-failed", daysAgo(0.05), BackupState.DELETE_FAILED));

    assertThat(keptIds(decision)).containsExactly("last-good", "failed-new");
    assertThat(reasons(decision, "last-good")).containsExactly(KeepReason.NEWEST_COMPLETED);
    assertThat(reasons(decision, "failed-new")).containsExactly(KeepReason.FAILED_IN_GRACE);
    assertThat(deletion(decision, "failed-old").reason())
        .isEqualTo(DeleteReason.FAILED_AFTER_GRACE);
    assertThat(deletion(decision, "delete-failed").reason())
        .isEqualTo(DeleteReason.RETRY_DELETE_FAILED);
  }

  @Test
  void failedBackupsGoOnceStrictlyOlderThanTheGrace() {
    RetentionDecision decision =
        decide(
            RetentionRule.builder().keepLast(5).failedGrace(Duration.ofHours(24)).build(),
            inState("past", History.NOW.minus(Duration.ofHours(24)).minusSeconds(1), FAILED),
            inState("boundary", History.NOW.minus(Duration.ofHours(24)), FAILED),
            inState("fresh", daysAgo(0.5), FAILED));

    assertThat(keptIds(decision)).containsExactly("boundary", "fresh");
    assertThat(deletion(decision, "past"))
        .isEqualTo(new Deletion("past", DeleteReason.FAILED_AFTER_GRACE, null));
  }

  @Test
  void aZeroGraceDeletesEveryFailedBackupCreatedBeforeNow() {
    RetentionDecision decision =
        decide(
            RetentionRule.builder().keepLast(5).failedGrace(Duration.ZERO).build(),
            inState("second-ago", History.NOW.minusSeconds(1), FAILED),
            inState("now", History.NOW, FAILED));

    assertThat(keptIds(decision)).containsExactly("now");
    assertThat(deletedIds(decision)).containsExactly("second-ago");
  }

  @Test
  void failedBackupsAreNotCountedByTheKeepRules() {
    RetentionDecision decision =
        decide(
            RetentionRule.builder().keepLast(2).failedGrace(Duration.ofDays(30)).build(),
            completed("a", daysAgo(4)),
            completed("b", daysAgo(3)),
            inState("f1", daysAgo(2), FAILED),
            inState("f2", daysAgo(1), FAILED));

    assertThat(keptIds(decision)).containsExactly("a", "b", "f1", "f2");
    assertThat(reasons(decision, "a")).containsExactly(KeepReason.KEEP_LAST);
  }

  @Test
  void deleteFailedBackupsAreAlwaysRequestedAgainAndNeverCountAsKept() {
    RetentionDecision decision =
        decide(
            RetentionRule.builder().keepLast(3).build(),
            completed("a", daysAgo(4)),
            inState("retry-old", daysAgo(30), BackupState.DELETE_FAILED),
            inState("retry-new", daysAgo(0.01), BackupState.DELETE_FAILED),
            completed("b", daysAgo(2)));

    assertThat(keptIds(decision)).containsExactly("a", "b");
    assertThat(reasons(decision, "b"))
        .containsExactly(KeepReason.NEWEST_COMPLETED, KeepReason.KEEP_LAST);
    assertThat(decision.toRequest()).containsExactly("retry-old", "retry-new");
    assertThat(decision.delete())
        .allMatch(d -> d.reason() == DeleteReason.RETRY_DELETE_FAILED && !d.cascaded());
  }

  @Test
  void onlyFailedAndRunningBackupsMeansNothingCompletedToProtect() {
    RetentionDecision decision =
        decide(
            KEEP_LAST_ONE,
            inState("failed", daysAgo(3), FAILED),
            inState("running", daysAgo(0.1), BackupState.RUNNING));

    assertThat(keptIds(decision)).containsExactly("running");
    assertThat(deletedIds(decision)).containsExactly("failed");
  }
}
