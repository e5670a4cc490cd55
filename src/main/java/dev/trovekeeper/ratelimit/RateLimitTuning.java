package dev.trovekeeper.ratelimit;

import java.time.Duration;

/**
 * How the shared limiter spaces and adapts requests.
 *
 * @param safetyMargin fraction of the limit left unused, so that latency jitter between the limiter
 *     and the source never puts one request too many into a source's window (0.03: 97%)
 * @param decreaseFactor multiplicative decrease of the current limit on a 429 (0.5 halves it)
 * @param increaseFraction additive increase, as a fraction of the configured limit (at least one
 *     request), after a run of successes as long as the current limit
 * @param defaultPause pause after a 429 or 503 without a usable {@code Retry-After}
 * @param maxPause the longest {@code Retry-After} honoured (a larger one is capped)
 */
public record RateLimitTuning(
    double safetyMargin,
    double decreaseFactor,
    double increaseFraction,
    Duration defaultPause,
    Duration maxPause) {

  /** The defaults of {@code keeper.ratelimit.*}. */
  public static RateLimitTuning defaults() {
    return new RateLimitTuning(0.03, 0.5, 0.05, Duration.ofSeconds(1), Duration.ofMinutes(15));
  }

  public RateLimitTuning {
    if (safetyMargin < 0 || safetyMargin >= 1) {
      throw new IllegalArgumentException("safetyMargin must be in [0, 1)");
    }
    if (decreaseFactor <= 0 || decreaseFactor >= 1) {
      throw new IllegalArgumentException("decreaseFactor must be in (0, 1)");
    }
    if (increaseFraction <= 0 || increaseFraction > 1) {
      throw new IllegalArgumentException("increaseFraction must be in (0, 1]");
    }
  }
}
