package dev.trovekeeper.trove;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  private static RetryPolicy policy(double random) {
    return new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(1), () -> random);
  }

  @Test
  void backoffDoublesWithEqualJitterUpToTheCap() {
    RetryPolicy low = policy(0.0);
    RetryPolicy high = policy(0.999_999);
    assertThat(low.delayAfter(1, Optional.empty())).contains(Duration.ofMillis(50));
    assertThat(high.delayAfter(1, Optional.empty())).contains(Duration.ofMillis(99));
    assertThat(low.delayAfter(2, Optional.empty())).contains(Duration.ofMillis(100));
    assertThat(low.delayAfter(3, Optional.empty())).contains(Duration.ofMillis(200));
    assertThat(low.delayAfter(4, Optional.empty())).contains(Duration.ofMillis(400));
    assertThat(high.delayAfter(4, Optional.empty())).contains(Duration.ofMillis(799));
  }

  @Test
  void capIsNeverExceeded() {
    RetryPolicy policy =
        new RetryPolicy(100, Duration.ofMillis(100), Duration.ofSeconds(1), () -> 0.999);
    for (int attempt = 1; attempt < 100; attempt++) {
      assertThat(policy.delayAfter(attempt, Optional.empty()).orElseThrow())
          .isLessThanOrEqualTo(Duration.ofSeconds(1));
    }
  }

  @Test
  void stopsAfterMaxAttempts() {
    assertThat(policy(0.5).delayAfter(4, Optional.empty())).isPresent();
    assertThat(policy(0.5).delayAfter(5, Optional.empty())).isEmpty();
    assertThat(
            new RetryPolicy(1, Duration.ZERO, Duration.ZERO, () -> 0)
                .delayAfter(1, Optional.empty()))
        .isEmpty();
  }

  @Test
  void retryAfterIsHonouredWithSmallJitter() {
    assertThat(policy(0.0).delayAfter(1, Optional.of(Duration.ofMillis(700))))
        .contains(Duration.ofMillis(700));
    assertThat(policy(0.5).delayAfter(3, Optional.of(Duration.ofMillis(700))))
        .contains(Duration.ofMillis(750));
  }

  @Test
  void retryAfterLongerThanTheCapEndsRetries() {
    assertThat(policy(0.0).delayAfter(1, Optional.of(Duration.ofSeconds(30)))).isEmpty();
  }

  @Test
  void atLeastOneAttempt() {
    assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, () -> 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
