package dev.trovekeeper.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainPlannerTest {

  private static final Instant NOW = Instant.parse("2024-05-10T12:00:00Z");
  private static long ids;

  private static Artifact artifact(BackupType type, String status, Duration age) {
    Artifact artifact = new Artifact();
    artifact.id = ++ids;
    artifact.targetId = 1L;
    artifact.externalId = "b-" + artifact.id;
    artifact.backupType = type;
    artifact.origin = ArtifactOrigin.SCHEDULED;
    artifact.status = status;
    artifact.createdAt = NOW.minus(age);
    return artifact;
  }

  private static Artifact full(String status, Duration age) {
    return artifact(BackupType.FULL, status, age);
  }

  private static Artifact incremental(String status, Duration age) {
    return artifact(BackupType.INCREMENTAL, status, age);
  }

  private static Artifact incrementalOn(Artifact parent, Duration age) {
    Artifact artifact = incremental("COMPLETED", age);
    artifact.parentExternalId = parent.externalId;
    return artifact;
  }

  private static BackupPlan fullPlan() {
    return new BackupPlan(BackupType.FULL, null, null);
  }

  @Test
  void withoutAFullIntervalEveryBackupIsFull() {
    List<Artifact> artifacts = List.of(full("COMPLETED", Duration.ofHours(1)));

    assertThat(ChainPlanner.plan(null, null, artifacts, null, NOW)).isEqualTo(fullPlan());
  }

  @Test
  void theFirstBackupIsFull() {
    assertThat(ChainPlanner.plan(7, null, List.of(), null, NOW)).isEqualTo(fullPlan());
  }

  @Test
  void aFullThatDidNotCompleteDoesNotStartAChain() {
    List<Artifact> artifacts =
        List.of(full("FAILED", Duration.ofHours(2)), full("BUILDING", Duration.ofHours(1)));

    assertThat(ChainPlanner.plan(7, null, artifacts, null, NOW)).isEqualTo(fullPlan());
  }

  @Test
  void anIncrementalAloneDoesNotStartAChain() {
    List<Artifact> artifacts = List.of(incremental("COMPLETED", Duration.ofHours(2)));

    assertThat(ChainPlanner.plan(7, null, artifacts, null, NOW)).isEqualTo(fullPlan());
  }

  @Test
  void aFullOlderThanTheIntervalStartsANewChain() {
    Artifact oldFull = full("COMPLETED", Duration.ofDays(7).plusSeconds(1));
    Artifact incremental = incremental("COMPLETED", Duration.ofDays(1));

    assertThat(ChainPlanner.plan(7, null, List.of(oldFull, incremental), null, NOW))
        .isEqualTo(fullPlan());
  }

  @Test
  void aFullExactlyAsOldAsTheIntervalStartsANewChain() {
    Artifact full = full("COMPLETED", Duration.ofDays(7));

    assertThat(ChainPlanner.plan(7, null, List.of(full), null, NOW)).isEqualTo(fullPlan());
  }

  @Test
  void aFullJustYoungerThanTheIntervalGetsAnIncremental() {
    Artifact full = full("COMPLETED", Duration.ofDays(7).minusSeconds(1));

    assertThat(ChainPlanner.plan(7, null, List.of(full), null, NOW))
        .isEqualTo(new BackupPlan(BackupType.INCREMENTAL, full.externalId, null));
  }

  @Test
  void anIncrementalGoesOnTheNewestCompletedBackupOfTheChain() {
    Artifact full = full("COMPLETED", Duration.ofDays(3));
    Artifact first = incremental("COMPLETED", Duration.ofDays(2));
    Artifact second = incremental("COMPLETED", Duration.ofDays(1));
    Artifact failed = incremental("FAILED", Duration.ofHours(2));
    Artifact building = incremental("BUILDING", Duration.ofHours(1));

    BackupPlan plan =
        ChainPlanner.plan(7, null, List.of(building, first, full, failed, second), null, NOW);

    assertThat(plan).isEqualTo(new BackupPlan(BackupType.INCREMENTAL, second.externalId, null));
  }

  @Test
  void aFailedIncrementalAfterTheFullLeavesTheFullAsParent() {
    Artifact full = full("COMPLETED", Duration.ofDays(1));
    Artifact failed = incremental("FAILED", Duration.ofHours(1));

    assertThat(ChainPlanner.plan(7, null, List.of(full, failed), null, NOW).parentExternalId())
        .isEqualTo(full.externalId);
  }

  @Test
  void backupsOfAnOlderChainAreNotParents() {
    Artifact olderFull = full("COMPLETED", Duration.ofDays(6));
    Artifact olderIncremental = incremental("COMPLETED", Duration.ofDays(5));
    Artifact newerFull = full("COMPLETED", Duration.ofDays(4));

    BackupPlan plan =
        ChainPlanner.plan(7, null, List.of(olderIncremental, newerFull, olderFull), null, NOW);

    assertThat(plan).isEqualTo(new BackupPlan(BackupType.INCREMENTAL, newerFull.externalId, null));
  }

  @Test
  void aNewerFullThatFailedDoesNotReplaceTheCompletedOne() {
    Artifact completed = full("COMPLETED", Duration.ofDays(2));
    Artifact failed = full("FAILED", Duration.ofDays(1));

    assertThat(ChainPlanner.plan(7, null, List.of(completed, failed), null, NOW))
        .isEqualTo(new BackupPlan(BackupType.INCREMENTAL, completed.externalId, null));
  }

  @Test
  void aChainResetAfterTheLastFullFallsBackToAFullWithAReason() {
    Artifact full = full("COMPLETED", Duration.ofDays(2));
    Artifact incremental = incremental("COMPLETED", Duration.ofDays(1));
    Instant promoted = NOW.minus(Duration.ofHours(3));

    BackupPlan plan = ChainPlanner.plan(7, null, List.of(full, incremental), promoted, NOW);

    assertThat(plan.type()).isEqualTo(BackupType.FULL);
    assertThat(plan.parentExternalId()).isNull();
    assertThat(plan.fallbackReason()).contains("chain reset");
  }

  @Test
  void aChainResetBeforeTheLastFullIsAlreadyHealed() {
    Artifact full = full("COMPLETED", Duration.ofDays(2));
    Instant ejected = NOW.minus(Duration.ofDays(3));

    assertThat(ChainPlanner.plan(7, null, List.of(full), ejected, NOW))
        .isEqualTo(new BackupPlan(BackupType.INCREMENTAL, full.externalId, null));
  }

  @Test
  void aChainResetAtTheInstantOfTheLastFullIsAlreadyHealed() {
    Artifact full = full("COMPLETED", Duration.ofDays(2));

    assertThat(ChainPlanner.plan(7, null, List.of(full), full.createdAt, NOW).type())
        .isEqualTo(BackupType.INCREMENTAL);
  }

  @Test
  void aChainAtItsMaximumLengthStartsANewFull() {
    Artifact full = full("COMPLETED", Duration.ofMinutes(3));
    Artifact first = incrementalOn(full, Duration.ofMinutes(2));

    assertThat(ChainPlanner.plan(1, 3, List.of(full, first), null, NOW))
        .isEqualTo(new BackupPlan(BackupType.INCREMENTAL, first.externalId, null));
    Artifact second = incrementalOn(first, Duration.ofMinutes(1));
    // The chain holds 3 (the full and two incrementals): a fourth would outgrow the maximum.
    assertThat(ChainPlanner.plan(1, 3, List.of(second, full, first), null, NOW))
        .isEqualTo(fullPlan());
  }

  @Test
  void aMaximumOfOneMakesEveryBackupFull() {
    Artifact full = full("COMPLETED", Duration.ofMinutes(1));

    assertThat(ChainPlanner.plan(7, 1, List.of(full), null, NOW)).isEqualTo(fullPlan());
  }

  @Test
  void theNewChainGrowsAgainUpToTheMaximum() {
    // keep-last 2 and chains of at most 2: full, incremental, full, incremental...
    Artifact oldFull = full("COMPLETED", Duration.ofMinutes(4));
    Artifact oldIncremental = incrementalOn(oldFull, Duration.ofMinutes(3));
    Artifact newFull = full("COMPLETED", Duration.ofMinutes(2));
    List<Artifact> artifacts = List.of(oldFull, oldIncremental, newFull);

    assertThat(ChainPlanner.plan(1, 2, artifacts, null, NOW))
        .isEqualTo(new BackupPlan(BackupType.INCREMENTAL, newFull.externalId, null));
  }

  @Test
  void withoutAMaximumTheChainGrowsUntilTheFullInterval() {
    Artifact full = full("COMPLETED", Duration.ofMinutes(10));
    Artifact parent = full;
    List<Artifact> artifacts = new java.util.ArrayList<>(List.of(full));
    for (int i = 9; i > 0; i--) {
      parent = incrementalOn(parent, Duration.ofMinutes(i));
      artifacts.add(parent);
    }

    assertThat(ChainPlanner.plan(1, null, artifacts, null, NOW))
        .isEqualTo(new BackupPlan(BackupType.INCREMENTAL, parent.externalId, null));
    assertThat(ChainPlanner.depth(parent, artifacts)).isEqualTo(10);
  }
}
