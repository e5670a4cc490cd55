package dev.trovekeeper.source;

/**
 * Reading a source failed. {@link #transientFailure()} says whether trying again later may help
 * (timeouts, 5xx, refusals beyond the retries) or not (bad answers, unknown tables).
 */
public class SourceException extends RuntimeException {

  private final boolean transientFailure;

  public SourceException(String message, boolean transientFailure) {
    super(message);
    this.transientFailure = transientFailure;
  }

  public SourceException(String message, boolean transientFailure, Throwable cause) {
    super(message, cause);
    this.transientFailure = transientFailure;
  }

  public boolean transientFailure() {
    return transientFailure;
  }
}
