package dev.trovekeeper.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trovekeeper.policy.Policy;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProtectionTest {

  static final Instant NOW = Instant.parse("2030-06-01T12:00:00Z");

  @Test
  void noPolicyAndPausedComeFirst() {
    assertThat(Protection.of(null, NOW, NOW)).isEqualTo(Protection.NO_POLICY);
    Policy paused = new Policy();
    paused.paused = true;
    assertThat(Protection.of(paused, NOW, NOW)).isEqualTo(Protection.PAUSED);
  }

  @Test
  void withinTheRpoIsProtectedOlderOrNoneIsStale() {
    Policy policy = new Policy();
    policy.rpoTargetMinutes = 60;
    assertThat(Protection.of(policy, NOW.minus(Duration.ofMinutes(60)), NOW))
        .isEqualTo(Protection.PROTECTED);
    assertThat(Protection.of(policy, NOW.minus(Duration.ofMinutes(61)), NOW))
        .isEqualTo(Protection.STALE);
    assertThat(Protection.of(policy, null, NOW)).isEqualTo(Protection.STALE);
  }

  @Test
  void withoutAnRpoTwentySixHoursCount() {
    Policy policy = new Policy();
    assertThat(Protection.of(policy, NOW.minus(Duration.ofHours(26)), NOW))
        .isEqualTo(Protection.PROTECTED);
    assertThat(Protection.of(policy, NOW.minus(Duration.ofHours(27)), NOW))
        .isEqualTo(Protection.STALE);
  }
}
