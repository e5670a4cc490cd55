package dev.trovekeeper.source;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Writes records back into a source, one object at a time (a restore): replace a changed object,
 * re-create a removed one (keeping its id where the source accepts it), delete one added since a
 * backup. A refusal of one object is an {@link Outcome} (the restore logs it and goes on); a
 * failure of the source as a whole (unreachable, credentials refused) is a {@link SourceException}.
 * Close it to release its connection.
 */
public interface RecordWriter extends AutoCloseable {

  /**
   * What writing one object gave.
   *
   * @param ok whether the source took the write
   * @param status the HTTP status (REST) or the database's error code (SQL; 0 when it took it)
   * @param message why it was refused (the source's words, shortened), null when ok
   * @param newId the id the source gave a re-created object when it is not the one sent, else null
   */
  record Outcome(boolean ok, int status, String message, String newId) {

    public static Outcome done(int status) {
      return new Outcome(true, status, null, null);
    }

    public static Outcome refused(int status, String message) {
      return new Outcome(false, status, message, null);
    }
  }

  /** Replaces the object {@code id} of {@code entity} with {@code record}. */
  Outcome update(String entity, String id, JsonNode record) throws InterruptedException;

  /** Creates {@code record} in {@code entity}, asking for the id {@code id}. */
  Outcome create(String entity, String id, JsonNode record) throws InterruptedException;

  /** Deletes the object {@code id} of {@code entity}. */
  Outcome delete(String entity, String id) throws InterruptedException;

  /**
   * Whether the writer may be called from several threads at once (a REST writer: each call is one
   * request under the source's shared limit); false for a SQL writer (one connection).
   */
  default boolean concurrent() {
    return false;
  }

  /** Whether the source takes media uploads ({@link #uploadMedia}). */
  default boolean acceptsMedia() {
    return false;
  }

  /**
   * Uploads a media file (its bytes in {@code file}, already checked against {@code sha256}) to the
   * source's media endpoint.
   */
  default Outcome uploadMedia(String sha256, java.nio.file.Path file) throws InterruptedException {
    throw new UnsupportedOperationException("the source takes no media uploads");
  }

  @Override
  void close();
}
