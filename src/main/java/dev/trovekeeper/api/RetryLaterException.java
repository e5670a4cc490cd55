package dev.trovekeeper.api;

import java.time.Instant;

/** A limit was reached (429); the answer's {@code Retry-After} says when to try again. */
public class RetryLaterException extends KeeperException {

  private final Instant retryAt;

  public RetryLaterException(String detail, Instant retryAt) {
    super(ErrorCode.TOO_MANY_REQUESTS, detail);
    this.retryAt = retryAt;
  }

  /** When the request will be accepted again. */
  public Instant retryAt() {
    return retryAt;
  }
}
