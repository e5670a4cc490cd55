package dev.trovekeeper.retention;

import static dev.trovekeeper.retention.History.completed;
import static dev.trovekeeper.retention.History.daysAgo;
import static dev.trovekeeper.retention.History.decide;
import static dev.trovekeeper.retention.History.deletedIds;
import static dev.trovekeeper.retention.History.deletion;
import static dev.trovekeeper.retention.History.incremental;
import static dev.trovekeeper.retention.History.keptIds;
import static dev.trovekeeper.retention.History.reasons;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trovekeeper.policy.RetentionRule;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ChainsTest {

  private static final RetentionRule KEEP_LAST_ONE = RetentionRule.builder().keepLast(1).build();

  @Test
  void aKeptIncrementalKeepsItsWholeChainUpToTheFull() {
    RetentionDecision decision =
        decide(
            KEEP_LAST_ONE,
            completed("full", daysAgo(3)),
            incremental("inc-1", "full", daysAgo(2)),
            incremental("inc-2", "inc-1", daysAgo(1)));

    assertThat(keptIds(decision)).containsExactly("full", "inc-1", "inc-2");
    assertThat(reasons(decision, "full")).containsExactly(KeepReason.PARENT_OF_KEPT);
    assertThat(reasons(decision, "inc-1")).containsExactly(KeepReason.PARENT_OF_KEPT);
    assertThat(decision.delete()).isEmpty();
  }

  @Test
  void anExpiredFullWithLiveChildrenIsKept() {
    RetentionDecision decision =
        decide(
            RetentionRule.builder().maxAgeDays(7).build(),
            completed("full", daysAgo(20)),
            incremental("inc-old", "full", daysAgo(10)),
            incremental("inc-live", "inc-old", daysAgo(5)),
            incremental("inc-new", "inc-live", daysAgo(1)));

    assertThat(keptIds(decision)).containsExactly("full", "inc-old", "inc-live", "inc-new");
    assertThat(reasons(decision, "inc-live"))
        .containsExactly(KeepReason.WITHIN_MAX_AGE, KeepReason.PARENT_OF_KEPT);
  }

  @Test
  void aFullyExpiredChainIsDeletedByRequestingItsRootOnly() {
    RetentionDecision decision =
        decide(
            KEEP_LAST_ONE,
            completed("old-full", daysAgo(10)),
            incremental("old-inc-1", "old-full", daysAgo(9)),
            incremental("old-inc-2", "old-inc-1", daysAgo(8)),
            incremental("old-branch", "old-full", daysAgo(7)),
            completed("new-full", daysAgo(1)));

    assertThat(keptIds(decision)).containsExactly("new-full");
    assertThat(deletedIds(decision))
        .containsExactly("old-full", "old-inc-1", "old-inc-2", "old-branch");
    assertThat(decision.toRequest()).containsExactly("old-full");
    assertThat(deletion(decision, "old-full").cascaded()).isFalse();
    for (String child : new String[] {"old-inc-1", "old-inc-2", "old-branch"}) {
      assertThat(deletion(decision, child))
          .isEqualTo(new Deletion(child, DeleteReason.EXPIRED, "old-full"));
    }
  }

  @Test
  void anExpiredIncrementalOfAKeptFullIsRequestedOnItsOwn() {
    RetentionDecision decision =
        decide(
            RetentionRule.builder().keepDaily(2).build(),
            completed("day-1-full", History.at("2025-03-13T10:00:00Z")),
            incremental("day-2-inc", "day-1-full", History.at("2025-03-14T02:00:00Z")),
            completed("day-2-full", History.at("2025-03-14T03:00:00Z")));

    assertThat(keptIds(decision)).containsExactly("day-1-full", "day-2-full");
    assertThat(deletion(decision, "day-2-inc"))
        .isEqualTo(new Deletion("day-2-inc", DeleteReason.EXPIRED, null));
    assertThat(decision.toRequest()).containsExactly("day-2-inc");
  }

  @Test
  void orphanIncrementalsCountAsFulls() {
    RetentionDecision decision =
        decide(
            KEEP_LAST_ONE,
            incremental("orphan-old", "already-deleted", daysAgo(5)),
            incremental("orphan-child", "orphan-old", daysAgo(4)),
            incremental("orphan-new", "also-gone", daysAgo(1)));

    assertThat(keptIds(decision)).containsExactly("orphan-new");
    assertThat(reasons(decision, "orphan-new"))
        .containsExactly(KeepReason.NEWEST_COMPLETED, KeepReason.KEEP_LAST);
    assertThat(decision.toRequest()).containsExactly("orphan-old");
    assertThat(deletion(decision, "orphan-child").cascadedFrom()).isEqualTo("orphan-old");
  }

  @Test
  void aRunningIncrementalKeepsItsExpiredParent() {
    RetentionDecision decision =
        decide(
            KEEP_LAST_ONE,
            completed("full", daysAgo(5)),
            completed("newer-full", daysAgo(2)),
            BackupRecord.incremental("running", "full", daysAgo(0.01), BackupState.RUNNING));

    assertThat(keptIds(decision)).containsExactly("full", "newer-full", "running");
    assertThat(reasons(decision, "full")).containsExactly(KeepReason.PARENT_OF_KEPT);
    assertThat(reasons(decision, "running")).containsExactly(KeepReason.RUNNING);
  }

  @Test
  void aFailedIncrementalInGraceDoesNotKeepItsParentAndGoesWithIt() {
    RetentionDecision decision =
        decide(
            KEEP_LAST_ONE,
            completed("full", daysAgo(5)),
            BackupRecord.incremental("failed", "full", daysAgo(0.5), BackupState.FAILED),
            completed("newer-full", daysAgo(2)));

    assertThat(keptIds(decision)).containsExactly("newer-full");
    assertThat(deletion(decision, "full").reason()).isEqualTo(DeleteReason.EXPIRED);
    assertThat(deletion(decision, "failed"))
        .isEqualTo(new Deletion("failed", DeleteReason.PARENT_DELETED, "full"));
    assertThat(decision.toRequest()).containsExactly("full");
  }

  @Test
  void aFailedIncrementalAfterGraceIsDeletedAloneWhenItsParentIsKept() {
    RetentionDecision decision =
        decide(
            KEEP_LAST_ONE,
            completed("full", daysAgo(5)),
            BackupRecord.incremental("failed", "full", daysAgo(3), BackupState.FAILED));

    assertThat(keptIds(decision)).containsExactly("full");
    assertThat(deletion(decision, "failed"))
        .isEqualTo(new Deletion("failed", DeleteReason.FAILED_AFTER_GRACE, null));
  }

  @Test
  void aDeleteFailedAncestorOfAKeptBackupWaitsUntilNothingNeedsIt() {
    RetentionDecision decision =
        decide(
            KEEP_LAST_ONE,
            BackupRecord.full("full", daysAgo(5), BackupState.DELETE_FAILED),
            incremental("inc", "full", daysAgo(1)));

    assertThat(keptIds(decision)).containsExactly("full", "inc");
    assertThat(reasons(decision, "full")).containsExactly(KeepReason.PARENT_OF_KEPT);
    assertThat(decision.delete()).isEmpty();
  }

  @Test
  void aDeleteFailedIncrementalIsRetriedWithoutTouchingItsParent() {
    RetentionDecision decision =
        decide(
            KEEP_LAST_ONE,
            completed("full", daysAgo(5)),
            BackupRecord.incremental("inc", "full", daysAgo(1), BackupState.DELETE_FAILED));

    assertThat(keptIds(decision)).containsExactly("full");
    assertThat(deletion(decision, "inc"))
        .isEqualTo(new Deletion("inc", DeleteReason.RETRY_DELETE_FAILED, null));
  }

  @Test
  void childrenKeepTheirOwnDeleteReasonUnderADeletedRoot() {
    RetentionDecision decision =
        decide(
            RetentionRule.builder().keepLast(1).failedGrace(Duration.ofHours(1)).build(),
            BackupRecord.full("root", daysAgo(9), BackupState.DELETE_FAILED),
            BackupRecord.incremental("failed", "root", daysAgo(8), BackupState.FAILED),
            BackupRecord.incremental("retry", "root", daysAgo(7), BackupState.DELETE_FAILED),
            incremental("expired", "retry", daysAgo(6)),
            completed("newest", daysAgo(1)));

    assertThat(decision.toRequest()).containsExactly("root");
    assertThat(decision.delete())
        .containsExactly(
            new Deletion("root", DeleteReason.RETRY_DELETE_FAILED, null),
            new Deletion("failed", DeleteReason.FAILED_AFTER_GRACE, "root"),
            new Deletion("retry", DeleteReason.RETRY_DELETE_FAILED, "root"),
            new Deletion("expired", DeleteReason.EXPIRED, "root"));
  }

  @Test
  void duplicateIdsAreRejected() {
    assertThatThrownBy(
            () -> decide(KEEP_LAST_ONE, completed("a", daysAgo(2)), completed("a", daysAgo(1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("duplicate backup id a");
  }

  @Test
  void aCycleOfParentsIsRejected() {
    assertThatThrownBy(
            () ->
                decide(
                    KEEP_LAST_ONE,
                    incremental("a", "b", daysAgo(2)),
                    incremental("b", "a", daysAgo(1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cycle");
    assertThatThrownBy(() -> decide(KEEP_LAST_ONE, incremental("self", "self", daysAgo(1))))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
