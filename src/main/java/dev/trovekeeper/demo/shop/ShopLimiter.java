package dev.trovekeeper.demo.shop;

import java.time.Duration;

/**
 * The shop's own rate limit: a token bucket holding {@code requests} tokens, refilled evenly over
 * the window (Shopify's leaky bucket works so); an empty bucket answers 429 with the whole seconds
 * until the next token as Retry-After.
 */
final class ShopLimiter {

  private final int capacity;
  private final double nanosPerToken;
  private double tokens;
  private long last = System.nanoTime();

  ShopLimiter(int requests, Duration window) {
    this.capacity = requests;
    this.nanosPerToken = requests > 0 ? window.toNanos() / (double) requests : 0;
    this.tokens = requests;
  }

  /** 0 when the request may go on, else the Retry-After in seconds (at least 1). */
  synchronized long take() {
    if (capacity == 0) {
      return 0;
    }
    long now = System.nanoTime();
    tokens = Math.min(capacity, tokens + (now - last) / nanosPerToken);
    last = now;
    if (tokens >= 1) {
      tokens -= 1;
      return 0;
    }
    double wait = (1 - tokens) * nanosPerToken;
    return Math.max(1, (long) Math.ceil(wait / 1e9));
  }
}
