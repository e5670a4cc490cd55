package dev.trovekeeper.trove;

import java.time.Duration;
import java.util.Optional;

/** An OpenStack call failed; {@link #fault()} says how, {@link #retryAfter()} when to retry. */
public class TroveException extends RuntimeException {

  private final TroveFault fault;
  private final Duration retryAfter;

  public TroveException(TroveFault fault, String message) {
    this(fault, message, null, null);
  }

  public TroveException(TroveFault fault, String message, Duration retryAfter, Throwable cause) {
    super(message, cause);
    this.fault = fault;
    this.retryAfter = retryAfter;
  }

  public TroveFault fault() {
    return fault;
  }

  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
