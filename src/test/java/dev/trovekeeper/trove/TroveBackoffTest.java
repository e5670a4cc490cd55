package dev.trovekeeper.trove;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TroveBackoffTest {

  private static final TroveException SERVER_ERROR =
      new TroveException(TroveFault.TRANSIENT, "500");

  private static TroveBackoff backoff(double random) {
    return new TroveBackoff(Duration.ofMillis(100), Duration.ofSeconds(1), () -> random);
  }

  @Test
  void backoffDoublesWithEqualJitterUpToTheCap() {
    TroveBackoff low = backoff(0.0);
    TroveBackoff high = backoff(0.999_999);
    assertThat(low.nextDelayInMillis(SERVER_ERROR)).isEqualTo(50);
    assertThat(high.nextDelayInMillis(SERVER_ERROR)).isEqualTo(99);
    assertThat(low.nextDelayInMillis(SERVER_ERROR)).isEqualTo(100);
    assertThat(low.nextDelayInMillis(SERVER_ERROR)).isEqualTo(200);
    assertThat(low.nextDelayInMillis(SERVER_ERROR)).isEqualTo(400);
    high.nextDelayInMillis(SERVER_ERROR);
    high.nextDelayInMillis(SERVER_ERROR);
    assertThat(high.nextDelayInMillis(SERVER_ERROR)).isEqualTo(799);
  }

  @Test
  void capIsNeverExceeded() {
    TroveBackoff backoff = backoff(0.999);
    for (int attempt = 1; attempt < 100; attempt++) {
      assertThat(backoff.nextDelayInMillis(SERVER_ERROR)).isLessThanOrEqualTo(1000);
    }
  }

  @Test
  void retryAfterIsHonouredWithSmallJitter() {
    TroveException limited =
        new TroveException(TroveFault.RATE_LIMITED, "413", Duration.ofMillis(700), null);
    assertThat(backoff(0.0).nextDelayInMillis(limited)).isEqualTo(700);
    assertThat(backoff(0.5).nextDelayInMillis(limited)).isEqualTo(750);
  }
}
