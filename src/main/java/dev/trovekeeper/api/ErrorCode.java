package dev.trovekeeper.api;

/** Stable error codes of the API, each with the HTTP status it answers. */
public enum ErrorCode {
  VALIDATION_FAILED(400, "The request is invalid"),
  MALFORMED_REQUEST(400, "The request body cannot be read"),
  CONFIRMATION_INVALID(400, "The confirmation link is invalid"),
  /** Refused by the HTTP layer before any resource: request line, path, query or headers. */
  BAD_HTTP_REQUEST(400, "The HTTP request is malformed"),
  UNAUTHENTICATED(401, "Authentication required"),
  /** A webhook call without a valid signature of a configured secret, or a stale one. */
  WEBHOOK_SIGNATURE_INVALID(401, "The webhook signature is invalid"),
  FORBIDDEN(403, "Not allowed"),
  NOT_FOUND(404, "Not found"),
  METHOD_NOT_ALLOWED(405, "Method not allowed"),
  CONFLICT(409, "Conflict"),
  NOT_ACCEPTABLE(406, "Not acceptable"),
  UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
  URI_TOO_LONG(414, "The request line is too long"),
  HEADERS_TOO_LARGE(431, "The request headers are too large"),
  CONFIRMATION_USED(409, "The deletion was already confirmed"),
  CONFIRMATION_EXPIRED(410, "The confirmation link has expired"),
  OUTSIDE_TIER_BOUNDS(422, "Outside the bounds of the tier"),
  RETENTION_EXCEEDS_QUOTA(422, "The policy would keep more backups than the quota allows"),
  OWNER_EMAIL_UNKNOWN(422, "No owner e-mail address for the project"),
  /** A tenant-data migration between these datasets is not possible (kind, database, tenant). */
  MIGRATION_REFUSED(422, "The migration is not possible"),
  CREDENTIALS_KEY_MISSING(503, "Credentials cannot be stored"),
  TOO_MANY_REQUESTS(429, "Too many requests"),
  UPSTREAM_UNAVAILABLE(503, "OpenStack is unavailable"),
  MAIL_UNAVAILABLE(503, "Mail cannot be sent"),
  WEBHOOK_NOT_CONFIGURED(503, "The webhook is not configured"),
  INTERNAL(500, "Internal error");

  private final int status;
  private final String title;

  ErrorCode(int status, String title) {
    this.status = status;
    this.title = title;
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  /** The problem {@code type} URI. */
  public String type() {
    return "https://trove-keeper.dev/problems/" + name().toLowerCase().replace('_', '-');
  }
}
