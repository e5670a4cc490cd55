package dev.trovekeeper.ratelimit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How tenant-data sources' shared rate limits behave ({@code keeper.ratelimit.*}). */
@ConfigMapping(prefix = "keeper.ratelimit")
public interface RateLimitConfig {

  /** Fraction of a source's limit left unused against latency jitter (0.03: 97% is used). */
  @WithDefault("0.03")
  double safetyMargin();

  /** A 429 multiplies the shared current limit by this (0.5 halves it). */
  @WithDefault("0.5")
  double decreaseFactor();

  /**
   * After a run of successes as long as the current limit, it grows by this share of the configured
   * one.
   */
  @WithDefault("0.05")
  double increaseFraction();

  /** Pause after a 429 or 503 that has no usable Retry-After. */
  @WithDefault("1s")
  Duration defaultPause();

  /** The longest Retry-After honoured; a longer one is capped to this. */
  @WithDefault("15m")
  Duration maxPause();

  /** As plain values. */
  default RateLimitTuning tuning() {
    return new RateLimitTuning(
        safetyMargin(), decreaseFactor(), increaseFraction(), defaultPause(), maxPause());
  }
}
