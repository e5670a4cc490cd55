package dev.trovekeeper.trove;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Stops calls to an endpoint that keeps failing: CLOSED until {@code threshold} transient failures
 * in a row, then OPEN (calls fail fast) for {@code coolDown}, then HALF_OPEN, where a single trial
 * call decides: success closes it, failure opens it again. Pure state machine over a {@link Clock};
 * thread-safe.
 */
final class CircuitBreaker {

  enum State {
    CLOSED,
    OPEN,
    HALF_OPEN
  }

  private final int threshold;
  private final Duration coolDown;
  private final Clock clock;
  private State state = State.CLOSED;
  private int failures;
  private Instant openedAt;
  private boolean trialInFlight;

  CircuitBreaker(int threshold, Duration coolDown, Clock clock) {
    this.threshold = Math.max(1, threshold);
    this.coolDown = coolDown;
    this.clock = clock;
  }

  /** Whether a call may be sent now; a true answer must be followed by one outcome report. */
  synchronized boolean tryAcquire() {
    switch (state) {
      case CLOSED:
        return true;
      case OPEN:
        if (clock.instant().isBefore(openedAt.plus(coolDown))) {
          return false;
        }
        state = State.HALF_OPEN;
        trialInFlight = true;
        return true;
      default:
        if (trialInFlight) {
          return false;
        }
        trialInFlight = true;
        return true;
    }
  }

  /** The endpoint answered (any answer but a transient failure). */
  synchronized void onSuccess() {
    state = State.CLOSED;
    failures = 0;
    trialInFlight = false;
  }

  /** A transient failure: 5xx, timeout, connection refused. */
  synchronized void onFailure() {
    trialInFlight = false;
    if (state == State.HALF_OPEN || ++failures >= threshold) {
      state = State.OPEN;
      openedAt = clock.instant();
      failures = 0;
    }
  }

  synchronized State state() {
    return state;
  }

  /** How long an open breaker still refuses calls; zero when it does not. */
  synchronized Duration remainingCoolDown() {
    if (state != State.OPEN) {
      return Duration.ZERO;
    }
    Duration left = Duration.between(clock.instant(), openedAt.plus(coolDown));
    return left.isNegative() ? Duration.ZERO : left;
  }
}
