package dev.trovekeeper.demo;

import java.time.Duration;

/**
 * A failure the {@link FaultInjector} answers instead of the normal handling.
 *
 * @param kind what to answer
 * @param duration Retry-After for {@link Kind#RATE_LIMITED}, the wait for {@link Kind#HANG} and
 *     {@link Kind#STALL}
 */
public record Fault(Kind kind, Duration duration) {

  /** The failures the demo region can inject. */
  public enum Kind {
    /** 422 unprocessableEntity: the instance is busy. */
    BUSY,
    /** 413 overLimit with a Retry-After header. */
    RATE_LIMITED,
    /** 413 overLimit: backup quota exceeded. */
    QUOTA,
    /** 500 instanceFault. */
    SERVER_ERROR,
    /** 503 serviceUnavailable. */
    UNAVAILABLE,
    /** Waits {@code duration}, then handles the request normally (a client times out first). */
    HANG,
    /**
     * Handles the request normally, sends its headers and half its body, then sends nothing for
     * {@code duration} before the rest (a Trove or proxy hanging mid-answer).
     */
    STALL,
    /**
     * On {@code POST /backups}: accepted as usual (202, NEW, BUILDING), then the backup ends FAILED
     * on Trove's side, as when the guest agent's backup fails. Ignored on other requests.
     */
    BACKUP_FAILS
  }

  public static Fault busy() {
    return new Fault(Kind.BUSY, Duration.ZERO);
  }

  public static Fault rateLimited(Duration retryAfter) {
    return new Fault(Kind.RATE_LIMITED, retryAfter);
  }

  public static Fault quota() {
    return new Fault(Kind.QUOTA, Duration.ZERO);
  }

  public static Fault serverError() {
    return new Fault(Kind.SERVER_ERROR, Duration.ZERO);
  }

  public static Fault unavailable() {
    return new Fault(Kind.UNAVAILABLE, Duration.ZERO);
  }

  public static Fault hang(Duration duration) {
    return new Fault(Kind.HANG, duration);
  }

  /** Half the answer, then a pause of {@code duration} (see {@link Kind#STALL}). */
  public static Fault stall(Duration duration) {
    return new Fault(Kind.STALL, duration);
  }

  /** The backup this {@code POST /backups} creates ends FAILED (see {@link Kind#BACKUP_FAILS}). */
  public static Fault backupFails() {
    return new Fault(Kind.BACKUP_FAILS, Duration.ZERO);
  }

  /** Whether the request is still handled normally (after a wait, or with a later failure). */
  boolean passesThrough() {
    return kind == Kind.HANG || kind == Kind.STALL || kind == Kind.BACKUP_FAILS;
  }

  /** The answer for every kind but those that {@link #passesThrough()}. */
  Reply reply(String path) {
    return switch (kind) {
      case BUSY ->
          TroveException.unprocessable(
                  "Instance is not currently available for an action to be performed"
                      + " (instance status was BACKUP).")
              .reply();
      case RATE_LIMITED ->
          RateLimiter.refusal(
              "Only 200 request(s) can be made to * every minute.", duration.toSeconds());
      case QUOTA -> TroveException.quota().reply();
      case SERVER_ERROR ->
          new TroveException(
                  500,
                  "instanceFault",
                  "The server has either erred or is incapable of performing the requested"
                      + " operation.")
              .reply();
      case UNAVAILABLE ->
          new TroveException(503, "serviceUnavailable", "Service is unavailable: " + path).reply();
      case HANG, STALL, BACKUP_FAILS -> throw new IllegalStateException(kind + " has no reply");
    };
  }
}
