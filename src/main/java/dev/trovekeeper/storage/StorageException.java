package dev.trovekeeper.storage;

import java.util.Optional;

/**
 * A failed storage operation. {@link #isTransient()} tells callers whether retrying later may
 * succeed (network errors, timeouts, 5xx, throttling) or not (denied, misconfigured, bad data).
 */
public class StorageException extends RuntimeException {

  private final boolean transientFailure;
  private final String location;
  private final ObjectKey key;

  /**
   * @param message what failed
   * @param transientFailure whether a retry may succeed
   * @param location the bucket or root directory
   * @param key the object concerned, or null for store-wide failures
   * @param cause the underlying error, or null
   */
  public StorageException(
      String message, boolean transientFailure, String location, ObjectKey key, Throwable cause) {
    super(
        message
            + " ("
            + (transientFailure ? "transient" : "permanent")
            + ", store "
            + location
            + (key == null ? "" : ", key " + key)
            + ")",
        cause);
    this.transientFailure = transientFailure;
    this.location = location;
    this.key = key;
  }

  /** True when retrying later may succeed. */
  public boolean isTransient() {
    return transientFailure;
  }

  /** The bucket or root directory of the store. */
  public String location() {
    return location;
  }

  /** The object concerned, empty for store-wide failures. */
  public Optional<ObjectKey> key() {
    return Optional.ofNullable(key);
  }
}
