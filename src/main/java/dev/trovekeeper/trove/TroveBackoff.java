package dev.trovekeeper.trove;

import io.smallrye.faulttolerance.api.CustomBackoffStrategy;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * The wait before SmallRye's next retry of a Trove call: the server's Retry-After when it sent one
 * (plus a little jitter, so clients told the same second do not come back together), else
 * exponential backoff with equal jitter from {@code baseDelay}, capped at {@code maxDelay}. One
 * instance per guarded call (it counts that call's attempts).
 */
final class TroveBackoff implements CustomBackoffStrategy {

  private final Duration baseDelay;
  private final Duration maxDelay;
  private final DoubleSupplier random;
  private int failedAttempts;

  TroveBackoff(Duration baseDelay, Duration maxDelay, DoubleSupplier random) {
    this.baseDelay = baseDelay;
    this.maxDelay = maxDelay;
    this.random = random;
  }

  static TroveBackoff of(OpenStackConfig config) {
    return new TroveBackoff(
        config.retryBaseDelay(),
        config.retryMaxDelay(),
        () -> ThreadLocalRandom.current().nextDouble());
  }

  @Override
  public long nextDelayInMillis(Throwable cause) {
    failedAttempts++;
    if (cause instanceof TroveException e && e.retryAfter().isPresent()) {
      return e.retryAfter().get().toMillis() + (long) (random.getAsDouble() * baseDelay.toMillis());
    }
    long ceiling =
        Math.min(
            maxDelay.toMillis(), baseDelay.toMillis() * (1L << Math.min(failedAttempts - 1, 30)));
    long half = ceiling / 2;
    return half + (long) (random.getAsDouble() * (ceiling - half));
  }
}
