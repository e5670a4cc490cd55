package dev.trovekeeper.storage;

import java.io.IOException;

/** Classifies Swift answers and I/O errors as transient or permanent {@link StorageException}s. */
final class SwiftFailures {

  private SwiftFailures() {}

  /**
   * Whether a retry later may succeed: server errors, timeouts, throttling (429, Swift's 498) and
   * checksum mismatches (422, the body was damaged on the way).
   */
  static boolean isTransient(int status) {
    return status >= 500 || status == 408 || status == 422 || status == 429 || status == 498;
  }

  static StorageException status(
      String action, int status, String body, String location, ObjectKey key) {
    if (status == 404 && key != null) {
      return new ObjectNotFoundException(location, key, null);
    }
    String hint =
        switch (status) {
          case 401 -> " (token refused after authenticating again: check the credentials)";
          case 403 -> " (the user has no access to the container)";
          case 404 -> " (container missing)";
          default -> "";
        };
    return new StorageException(
        action + " failed: Swift answered " + status + hint + excerpt(body),
        isTransient(status),
        location,
        key,
        null);
  }

  static StorageException io(String action, IOException error, String location, ObjectKey key) {
    return new StorageException(action + " failed: " + error, true, location, key, error);
  }

  static StorageException interrupted(
      String action, InterruptedException error, String location, ObjectKey key) {
    Thread.currentThread().interrupt();
    return new StorageException(action + " interrupted", true, location, key, error);
  }

  private static String excerpt(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    String text = body.replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").strip();
    return text.isEmpty() ? "" : ": " + (text.length() > 200 ? text.substring(0, 200) : text);
  }
}
