package dev.trovekeeper.source;

/**
 * The source refused the dataset's credentials (HTTP 401 or 403, or a database login refused): the
 * executor suspends the dataset instead of retrying.
 */
public class SourceUnauthorized extends SourceException {

  private final int status;

  public SourceUnauthorized(String message, int status) {
    super(message, false);
    this.status = status;
  }

  /** The HTTP status (401, 403), or 0 for a database login. */
  public int status() {
    return status;
  }
}
