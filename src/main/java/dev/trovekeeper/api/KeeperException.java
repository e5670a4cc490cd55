package dev.trovekeeper.api;

import java.util.List;

/** A domain error with a stable code; features subclass it or throw it with their detail. */
public class KeeperException extends RuntimeException {

  private final ErrorCode code;

  public KeeperException(ErrorCode code, String detail) {
    super(detail);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }

  /** The offending fields, listed in the problem's {@code errors}; none by default. */
  public List<Problem.FieldError> errors() {
    return List.of();
  }
}
