package dev.trovekeeper.ratelimit;

/** Observes one limiter handle (tests and run progress); every method defaults to nothing. */
public interface RateLimitListener {

  /**
   * A request may go now. {@code atMillis} is taken before the limiter's last look at the shared
   * pause, so a pause committed later than it cannot concern this request.
   */
  default void granted(long atMillis) {}

  /**
   * A 429 or 503 answered at {@code receivedAtMillis} paused every replica until {@code
   * untilMillis}; the pause was committed at {@code committedAtMillis}.
   */
  default void paused(long receivedAtMillis, long committedAtMillis, long untilMillis) {}

  RateLimitListener NONE = new RateLimitListener() {};
}
