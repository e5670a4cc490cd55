package dev.trovekeeper.api;

import java.util.List;

/** A domain error with a stable code; features subclass it or throw it with their detail. */
public class KeeperException extends RuntimeException {

  private final ErrorCode code;
  private final String field;

  public KeeperException(ErrorCode code, String detail) {
    this(code, detail, null);
  }

  /** An error about one field or parameter, named in the problem's {@code errors}. */
  public KeeperException(ErrorCode code, String detail, String field) {
    super(detail);
    this.code = code;
    this.field = field;
  }

  /** A 400 about one invalid field or parameter. */
  public static KeeperException invalid(String field, String message) {
    return new KeeperException(ErrorCode.VALIDATION_FAILED, field + " " + message, field);
  }

  public ErrorCode code() {
    return code;
  }

  /** The offending fields, listed in the problem's {@code errors}; none by default. */
  public List<Problem.FieldError> errors() {
    return field == null ? List.of() : List.of(new Problem.FieldError(field, getMessage()));
  }
}
