package dev.trovekeeper.demo;

/** A refusal answered as Trove's fault body {@code {"<fault>":{"code":N,"message":"..."}}}. */
final class TroveException extends RuntimeException {

  private final int status;
  private final String fault;

  TroveException(int status, String fault, String message) {
    super(message);
    this.status = status;
    this.fault = fault;
  }

  static TroveException notFound(String id) {
    return new TroveException(404, "itemNotFound", "Resource " + id + " cannot be found.");
  }

  static TroveException badRequest(String message) {
    return new TroveException(400, "badRequest", "Validation error: " + message);
  }

  static TroveException unprocessable(String message) {
    return new TroveException(422, "unprocessableEntity", message);
  }

  /** Trove's {@code BackupNotCompleteError}: a restore from a backup that is not COMPLETED. */
  static TroveException backupNotComplete(String backupId, String status) {
    return new TroveException(
        409,
        "conflictingRequest",
        "Unable to create instance because backup "
            + backupId
            + " is not completed. Actual state: "
            + status
            + ".");
  }

  static TroveException quota() {
    return new TroveException(413, "overLimit", "Quota exceeded for resources: ['backups'].");
  }

  Reply reply() {
    return Reply.json(status, Json.obj(fault, Json.obj("code", status, "message", getMessage())));
  }
}
