package dev.trovekeeper.storage;

import java.io.InputStream;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Port to a flat object store (S3 bucket, Swift container or local directory). Objects are streamed
 * both ways: implementations never hold a whole object in memory, so archives far larger than the
 * heap can pass through. Failures are {@link StorageException}s that say whether they are
 * transient.
 */
public interface ObjectStore extends AutoCloseable {

  /** Length to pass to {@link #put} when the size of the content is not known in advance. */
  long UNKNOWN_LENGTH = -1;

  /**
   * Stores {@code content} under {@code key}, replacing any object already there. Readers see the
   * old object or the new one, never a partial one. The stream is read to its end but not closed.
   *
   * @param key where to store
   * @param content the bytes, streamed
   * @param length the exact number of bytes in {@code content}, or {@link #UNKNOWN_LENGTH}
   * @param contentType MIME type recorded with the object where the store supports it
   */
  void put(ObjectKey key, InputStream content, long length, String contentType);

  /**
   * Opens the object for reading. The caller must close the stream.
   *
   * @throws ObjectNotFoundException when there is no object under {@code key}
   */
  InputStream get(ObjectKey key);

  /** Size and modification time of the object, or empty when there is none. */
  Optional<ObjectInfo> stat(ObjectKey key);

  /** Whether an object exists under {@code key}. */
  default boolean exists(ObjectKey key) {
    return stat(key).isPresent();
  }

  /** Deletes the object; deleting a missing object succeeds (idempotent). */
  void delete(ObjectKey key);

  /**
   * Lists every object whose key starts with {@code prefix} (plain string match, as in S3), in no
   * guaranteed order. Pages are fetched lazily while the stream is consumed; close the stream
   * (try-with-resources) when done.
   *
   * @param prefix "" for everything, or the start of a key, see {@link ObjectKey#checkPrefix}
   * @throws InvalidObjectKeyException when the prefix could not start a valid key
   */
  Stream<ObjectInfo> list(String prefix);

  /**
   * Checks that the store can be used now (bucket or directory exists and is reachable, creating it
   * when configured to). Used by the readiness check and at startup.
   *
   * @throws StorageException when it cannot
   */
  void checkReachable();

  /** The adapter's kind, as configured: {@code filesystem}, {@code s3} or {@code swift}. */
  String kind();

  /** Where the objects live, for logs and health data: a bucket and endpoint, or a directory. */
  String location();

  /** Releases connections; the default does nothing. */
  @Override
  default void close() {}
}
