package dev.trovekeeper.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecoveryPointTest {

  private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

  @Test
  void aBackupOlderThanTheRpoIsStale() {
    RecoveryPoint p = point(NOW.minus(Duration.ofMinutes(61)), 60);

    assertThat(p.age(NOW)).isEqualTo(Duration.ofMinutes(61));
    assertThat(p.breached(NOW)).isTrue();
    assertThat(p.status(NOW)).isEqualTo(RecoveryPoint.STALE);
  }

  @Test
  void aBackupWithinTheRpoOrWithoutAnRpoIsProtected() {
    assertThat(point(NOW.minus(Duration.ofMinutes(59)), 60).status(NOW))
        .isEqualTo(RecoveryPoint.PROTECTED);
    assertThat(point(NOW.minus(Duration.ofDays(30)), null).status(NOW))
        .isEqualTo(RecoveryPoint.PROTECTED);
  }

  @Test
  void aTargetNeverBackedUpIsNoneUntilItsRpoHasPassedSinceItAppeared() {
    assertThat(point(null, 60).status(NOW)).isEqualTo(RecoveryPoint.NONE);
    RecoveryPoint old =
        new RecoveryPoint(
            1, "p", "i", "TROVE_INSTANCE", NOW.minus(Duration.ofHours(2)), null, 60, false);
    assertThat(old.status(NOW)).isEqualTo(RecoveryPoint.STALE);
  }

  private static RecoveryPoint point(Instant lastSuccess, Integer rpoMinutes) {
    return new RecoveryPoint(
        1,
        "p",
        "i",
        "TROVE_INSTANCE",
        NOW.minus(Duration.ofMinutes(10)),
        lastSuccess,
        rpoMinutes,
        false);
  }
}
