package dev.trovekeeper.trove;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * When to try a failed Trove call again: exponential backoff with equal jitter, capped at {@code
 * maxDelay}, at most {@code maxAttempts} attempts in all. A server's Retry-After wins over the
 * backoff; one longer than {@code maxDelay} ends the retries, so the caller reschedules instead of
 * holding a thread. Pure: no I/O, no clock.
 *
 * @param random source of jitter in [0, 1)
 */
record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, DoubleSupplier random) {

  RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
    }
  }

  static RetryPolicy of(OpenStackConfig config) {
    return new RetryPolicy(
        config.retryMaxAttempts(),
        config.retryBaseDelay(),
        config.retryMaxDelay(),
        () -> ThreadLocalRandom.current().nextDouble());
  }

  /**
   * The wait before the next attempt after attempt number {@code attempt} (1-based) failed with a
   * retryable fault, or empty when no attempt is left.
   *
   * @param retryAfter the server's Retry-After, if it sent one
   */
  Optional<Duration> delayAfter(int attempt, Optional<Duration> retryAfter) {
    if (attempt >= maxAttempts) {
      return Optional.empty();
    }
    if (retryAfter.isPresent()) {
      if (retryAfter.get().compareTo(maxDelay) > 0) {
        return Optional.empty();
      }
      // a little jitter on top, so clients told the same second do not come back together
      long spread = (long) (random.getAsDouble() * baseDelay.toMillis());
      return Optional.of(retryAfter.get().plusMillis(spread));
    }
    long ceiling =
        Math.min(maxDelay.toMillis(), baseDelay.toMillis() * (1L << Math.min(attempt - 1, 30)));
    long half = ceiling / 2;
    return Optional.of(Duration.ofMillis(half + (long) (random.getAsDouble() * (ceiling - half))));
  }
}
