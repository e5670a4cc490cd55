package dev.trovekeeper.ratelimit;

import java.time.Duration;

/**
 * A source's limit: at most {@code requests} in any {@code window}.
 *
 * @param requests requests allowed per window (at least 1)
 * @param window the window (at least 1 ms)
 */
public record RateLimit(int requests, Duration window) {

  public RateLimit {
    if (requests < 1) {
      throw new IllegalArgumentException("requests must be at least 1");
    }
    if (window == null || window.toMillis() < 1) {
      throw new IllegalArgumentException("window must be at least 1 ms");
    }
  }

  /** Requests per second this limit allows. */
  public double perSecond() {
    return requests * 1000.0 / window.toMillis();
  }

  @Override
  public String toString() {
    return requests + " per " + window;
  }
}
