package dev.trovekeeper.archive;

/**
 * An archive that cannot be used as a backup: no manifest (never finished), a part whose size or
 * SHA-256 differs from the manifest, or a manifest of an unknown format.
 */
public class ArchiveException extends RuntimeException {

  ArchiveException(String message) {
    super(message);
  }

  ArchiveException(String message, Throwable cause) {
    super(message, cause);
  }
}
