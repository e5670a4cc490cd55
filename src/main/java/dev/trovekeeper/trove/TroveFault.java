package dev.trovekeeper.trove;

/** Every way an OpenStack call can fail, classified so callers never guess whether to retry. */
public enum TroveFault {
  /** 422: instance not ACTIVE, or a task or backup already running on it. Retry later. */
  BUSY(true),
  /** 413: backup quota exceeded. Retrying does not help until backups are deleted. */
  QUOTA_EXCEEDED(false),
  /** 413 with Retry-After: the per-tenant rate limit. Retry after the given delay. */
  RATE_LIMITED(true),
  /** 404. */
  NOT_FOUND(false),
  /** 400: the request was invalid. */
  INVALID(false),
  /** 401: credentials or token refused. */
  UNAUTHORIZED(false),
  /** 403: not allowed for this user or project. */
  FORBIDDEN(false),
  /** 5xx, connection refused, timeouts. */
  TRANSIENT(true),
  /** A setting is missing or wrong; nothing was sent. */
  MISCONFIGURED(false);

  private final boolean retryable;

  TroveFault(boolean retryable) {
    this.retryable = retryable;
  }

  public boolean retryable() {
    return retryable;
  }
}
