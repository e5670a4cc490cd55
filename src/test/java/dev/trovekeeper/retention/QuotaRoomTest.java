package dev.trovekeeper.retention;

import static dev.trovekeeper.retention.History.completed;
import static dev.trovekeeper.retention.History.daysAgo;
import static dev.trovekeeper.retention.History.inState;
import static dev.trovekeeper.retention.History.incremental;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class QuotaRoomTest {

  private static List<String> candidates(BackupRecord... backups) {
    return QuotaRoom.candidates(List.of(backups)).stream().map(BackupRecord::id).toList();
  }

  @Test
  void oldestFullsGoFirstButNeverTheNewestCompleted() {
    assertThat(
            candidates(
                completed("c", daysAgo(1)), completed("a", daysAgo(3)), completed("b", daysAgo(2))))
        .containsExactly("a", "b");
  }

  @Test
  void aLoneBackupIsNeverACandidate() {
    assertThat(candidates(completed("only", daysAgo(30)))).isEmpty();
  }

  @Test
  void aChainLosesOnlyItsLeavesAndNeverItsNewest() {
    // Old chain f1 <- i1 <- i2, current chain f2 <- i3: only leaf i2 may go (its full is needed).
    assertThat(
            candidates(
                completed("f1", daysAgo(10)),
                incremental("i1", "f1", daysAgo(9)),
                incremental("i2", "i1", daysAgo(8)),
                completed("f2", daysAgo(2)),
                incremental("i3", "f2", daysAgo(1))))
        .containsExactly("i2");
  }

  @Test
  void oneChainEndingInTheNewestHasNothingToGive() {
    assertThat(
            candidates(
                completed("f", daysAgo(3)),
                incremental("i1", "f", daysAgo(2)),
                incremental("i2", "i1", daysAgo(1))))
        .isEmpty();
  }

  @Test
  void failedGoWhateverTheirGraceRunningAndDeleteFailedNever() {
    assertThat(
            candidates(
                completed("ok", daysAgo(1)),
                inState("failed", History.NOW, BackupState.FAILED),
                inState("running", daysAgo(5), BackupState.RUNNING),
                inState("delete-failed", daysAgo(6), BackupState.DELETE_FAILED)))
        .containsExactly("failed");
  }

  @Test
  void aFailedIncrementalDoesNotProtectItsParent() {
    assertThat(
            candidates(
                completed("f1", daysAgo(3)),
                BackupRecord.incremental("bad", "f1", daysAgo(2), BackupState.FAILED),
                completed("f2", daysAgo(1))))
        .containsExactly("f1", "bad");
  }
}
