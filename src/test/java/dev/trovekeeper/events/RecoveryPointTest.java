package dev.trovekeeper.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trovekeeper.protection.ProtectionFacts;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecoveryPointTest {

  private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

  @Test
  void aBackupOlderThanTheRpoIsStaleAndBreached() {
    RecoveryPoint p = point(NOW.minus(Duration.ofMinutes(61)), 60, false);

    assertThat(p.age(NOW)).isEqualTo(Duration.ofMinutes(61));
    assertThat(p.breached(NOW)).isTrue();
    assertThat(p.status(NOW)).isEqualTo("stale");
  }

  @Test
  void theStatusLabelIsTheProtectionOfEveryReader() {
    assertThat(point(NOW.minus(Duration.ofMinutes(59)), 60, false).status(NOW))
        .isEqualTo("protected");
    assertThat(point(NOW.minus(Duration.ofDays(30)), null, false).status(NOW)).isEqualTo("stale");
    assertThat(point(null, 60, false).status(NOW)).isEqualTo("pending_first_backup");
  }

  @Test
  void aPausedTargetIsPausedAndNotBreached() {
    RecoveryPoint p = point(NOW.minus(Duration.ofHours(3)), 60, true);
    assertThat(p.status(NOW)).isEqualTo("paused");
    assertThat(p.breached(NOW)).isFalse();
  }

  @Test
  void aSuspendedDatasetIsSuspendedNotStaleAndNotBreached() {
    RecoveryPoint p = point(NOW.minus(Duration.ofHours(3)), 60, false, "DATASET", "SUSPENDED");
    assertThat(p.status(NOW)).isEqualTo("suspended");
    assertThat(p.breached(NOW)).isFalse();
    // The same facts while the dataset is active: breached.
    assertThat(point(NOW.minus(Duration.ofHours(3)), 60, false, "DATASET", "ACTIVE").breached(NOW))
        .isTrue();
  }

  private static RecoveryPoint point(Instant lastSuccess, Integer rpoMinutes, boolean paused) {
    return point(lastSuccess, rpoMinutes, paused, "TROVE_INSTANCE", "ACTIVE");
  }

  private static RecoveryPoint point(
      Instant lastSuccess, Integer rpoMinutes, boolean paused, String kind, String status) {
    return new RecoveryPoint(
        new ProtectionFacts(
            1,
            "p",
            "i",
            kind,
            "db",
            status,
            NOW.minus(Duration.ofMinutes(10)),
            null,
            false,
            1L,
            false,
            paused,
            false,
            rpoMinutes,
            lastSuccess,
            null,
            null,
            null,
            null,
            null,
            null,
            0),
        false);
  }
}
