package dev.trovekeeper.protection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The one decision of protection, first match wins. */
class ProtectionFactsTest {

  static final Instant NOW = Instant.parse("2030-06-01T12:00:00Z");
  static final Instant CREATED = NOW.minus(Duration.ofMinutes(10));

  @Test
  void deletedThenNoPolicyThenPausedComeFirst() {
    assertThat(facts().gone(true).build().protection(NOW)).isEqualTo(Protection.DELETED);
    assertThat(facts().policy(null).build().protection(NOW)).isEqualTo(Protection.NO_POLICY);
    for (Facts paused :
        new Facts[] {facts().fleetPaused(), facts().projectPaused(), facts().policyPaused()}) {
      ProtectionFacts f = paused.lastSuccess(NOW).build();
      assertThat(f.protection(NOW)).isEqualTo(Protection.PAUSED);
      assertThat(f.nextBackupAt(NOW)).isNull();
    }
  }

  @Test
  void aSuspendedDatasetIsSuspendedWhateverItsRunsSayAndExpectsNoBackup() {
    ProtectionFacts suspended =
        facts().dataset("SUSPENDED").lastFinished("SKIPPED").projectPaused().build();
    assertThat(suspended.protection(NOW)).isEqualTo(Protection.SUSPENDED);
    assertThat(suspended.nextBackupAt(NOW)).isNull();
    assertThat(facts().dataset("SUSPENDED").gone(true).build().protection(NOW))
        .isEqualTo(Protection.DELETED);
    assertThat(facts().dataset("ACTIVE").lastSuccess(NOW).build().protection(NOW))
        .isEqualTo(Protection.PROTECTED);
  }

  @Test
  void aFailedOrSkippedLastRunIsFailingEvenWithAFreshBackup() {
    assertThat(facts().lastSuccess(NOW).lastFinished("FAILED").build().protection(NOW))
        .isEqualTo(Protection.FAILING);
    assertThat(facts().lastFinished("SKIPPED").build().protection(NOW))
        .isEqualTo(Protection.FAILING);
    assertThat(facts().lastSuccess(NOW).lastFinished("SUCCEEDED").build().protection(NOW))
        .isEqualTo(Protection.PROTECTED);
  }

  @Test
  void noBackupYetIsPendingUntilTheLimitHasPassedSinceTheTargetAppeared() {
    ProtectionFacts pending = facts().rpo(60).build();
    assertThat(pending.protection(NOW)).isEqualTo(Protection.PENDING_FIRST_BACKUP);
    assertThat(pending.nextBackupAt(NOW)).isEqualTo(NOW.plusSeconds(60));
    assertThat(facts().rpo(60).created(NOW.minus(Duration.ofMinutes(61))).build().protection(NOW))
        .isEqualTo(Protection.STALE);
  }

  @Test
  void withinTheRpoIsProtectedOlderIsStaleAndWithoutAnRpo26Hours() {
    assertThat(facts().rpo(60).lastSuccess(NOW.minusSeconds(3600)).build().protection(NOW))
        .isEqualTo(Protection.PROTECTED);
    assertThat(facts().rpo(60).lastSuccess(NOW.minusSeconds(3660)).build().protection(NOW))
        .isEqualTo(Protection.STALE);
    assertThat(facts().lastSuccess(NOW.minus(Duration.ofHours(26))).build().protection(NOW))
        .isEqualTo(Protection.PROTECTED);
    assertThat(facts().lastSuccess(NOW.minus(Duration.ofHours(27))).build().protection(NOW))
        .isEqualTo(Protection.STALE);
  }

  static Facts facts() {
    return new Facts();
  }

  /** A live target with a policy, never backed up, created ten minutes ago. */
  static final class Facts {
    String kind = "TROVE_INSTANCE";
    String status = "ACTIVE";
    boolean gone;
    Long policy = 1L;
    boolean policyPaused;
    boolean projectPaused;
    boolean fleetPaused;
    Integer rpo;
    Instant created = CREATED;
    Instant lastSuccess;
    String lastFinished;

    Facts dataset(String datasetStatus) {
      kind = "DATASET";
      status = datasetStatus;
      return this;
    }

    Facts gone(boolean value) {
      gone = value;
      return this;
    }

    Facts policy(Long id) {
      policy = id;
      return this;
    }

    Facts policyPaused() {
      policyPaused = true;
      return this;
    }

    Facts projectPaused() {
      projectPaused = true;
      return this;
    }

    Facts fleetPaused() {
      fleetPaused = true;
      return this;
    }

    Facts rpo(int minutes) {
      rpo = minutes;
      return this;
    }

    Facts created(Instant at) {
      created = at;
      return this;
    }

    Facts lastSuccess(Instant at) {
      lastSuccess = at;
      return this;
    }

    Facts lastFinished(String state) {
      lastFinished = state;
      return this;
    }

    ProtectionFacts build() {
      return new ProtectionFacts(
          1,
          "p",
          "i",
          kind,
          "db",
          gone ? "DELETED" : status,
          created,
          null,
          gone,
          policy,
          policyPaused,
          projectPaused,
          fleetPaused,
          rpo,
          lastSuccess,
          lastFinished,
          null,
          lastFinished,
          null,
          null,
          NOW.plusSeconds(60),
          0);
    }
  }
}
