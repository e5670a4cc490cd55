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

  private static BackupPlan fullPlan() {
    return new BackupPlan(BackupType.FULL, null, null);
  }

  @Test
  void withoutAFullIntervalEveryBackupIsFull() {
    List<Artifact> artifacts = List.of(full("COMPLETED", Duration.ofHours(1)));

    assertThat(ChainPlanner.plan(null, artifacts, null, NOW)).isEqualTo(fullPlan());
  }

  @Test
  void theFirstBackupIsFull() {
    assertThat(ChainPlanner.plan(7, List.of(), null, NOW)).isEqualTo(fullPlan());
  }

  @Test
  void aFullThatDidNotCompleteDoesNotStartAChain() {
    List<Artifact> artifacts =
        List.of(full("FAILED", Duration.ofHours(2)), full("BUILDING", Duration.ofHours(1)));

    assertThat(ChainPlanner.plan(7, artifacts, null, NOW)).isEqualTo(fullPlan());
  }

  @Test
  void anIncrementalAloneDoesNotStartAChain() {
    List<Artifact> artifacts = List.of(incremental("COMPLETED", Duration.ofHours(2)));

    assertThat(ChainPlanner.plan(7, artifacts, null, NOW)).isEqualTo(fullPlan());
  }

  @Test
  void aFullOlderThanTheIntervalStartsANewChain() {
    Artifact oldFull = full("COMPLETED", Duration.ofDays(7).plusSeconds(1));
    Artifact incremental = incremental("COMPLETED", Duration.ofDays(1));

    assertThat(ChainPlanner.plan(7, List.of(oldFull, incremental), null, NOW))
        .isEqualTo(fullPlan());
  }

  @Test
  void aFullExactlyAsOldAsTheIntervalStartsANewChain() {
    Artifact full = full("COMPLETED", Duration.ofDays(7));

    assertThat(ChainPlanner.plan(7, List.of(full), null, NOW)).isEqualTo(fullPlan());
  }

  @Test
  void aFullJustYoungerThanTheIntervalGetsAnIncremental() {
    Artifact full = full("COMPLETED", Duration.ofDays(7).minusSeconds(1));

    assertThat(ChainPlanner.plan(7, List.of(full), null, NOW))
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
        ChainPlanner.plan(7, List.of(building, first, full, failed, second), null, NOW);

    assertThat(plan).isEqualTo(new BackupPlan(BackupType.INCREMENTAL, second.externalId, null));
  }

  @Test
  void aFailedIncrementalAfterTheFullLeavesTheFullAsParent() {
    Artifact full = full("COMPLETED", Duration.ofDays(1));
    Artifact failed = incremental("FAILED", Duration.ofHours(1));

    assertThat(ChainPlanner.plan(7, List.of(full, failed), null, NOW).parentExternalId())
        .isEqualTo(full.externalId);
  }

  @Test
  void backupsOfAnOlderChainAreNotParents() {
    Artifact olderFull = full("COMPLETED", Duration.ofDays(6));
    Artifact olderIncremental = incremental("COMPLETED", Duration.ofDays(5));
    Artifact newerFull = full("COMPLETED", Duration.ofDays(4));

    BackupPlan plan =
        ChainPlanner.plan(7, List.of(olderIncremental, newerFull, olderFull), null, NOW);

    assertThat(plan).isEqualTo(new BackupPlan(BackupType.INCREMENTAL, newerFull.externalId, null));
  }

  @Test
  void aNewerFullThatFailedDoesNotReplaceTheCompletedOne() {
    Artifact completed = full("COMPLETED", Duration.ofDays(2));
    Artifact failed = full("FAILED", Duration.ofDays(1));

    assertThat(ChainPlanner.plan(7, List.of(completed, failed), null, NOW))
        .isEqualTo(new BackupPlan(BackupType.INCREMENTAL, completed.externalId, null));
  }

  @Test
  void aChainResetAfterTheLastFullFallsBackToAFullWithAReason() {
    Artifact full = full("COMPLETED", Duration.ofDays(2));
    Artifact incremental = incremental("COMPLETED", Duration.ofDays(1));
    Instant promoted = NOW.minus(Duration.ofHours(3));

    BackupPlan plan = ChainPlanner.plan(7, List.of(full, incremental), promoted, NOW);

    assertThat(plan.type()).isEqualTo(BackupType.FULL);
    assertThat(plan.parentExternalId()).isNull();
    assertThat(plan.fallbackReason()).contains("chain reset");
  }

  @Test
  void aChainResetBeforeTheLastFullIsAlreadyHealed() {
    Artifact full = full("COMPLETED", Duration.ofDays(2));
    Instant ejected = NOW.minus(Duration.ofDays(3));

    assertThat(ChainPlanner.plan(7, List.of(full), ejected, NOW))
        .isEqualTo(new BackupPlan(BackupType.INCREMENTAL, full.externalId, null));
  }

  @Test
  void aChainResetAtTheInstantOfTheLastFullIsAlreadyHealed() {
    Artifact full = full("COMPLETED", Duration.ofDays(2));

    assertThat(ChainPlanner.plan(7, List.of(full), full.createdAt, NOW).type())
        .isEqualTo(BackupType.INCREMENTAL);
  }
}
