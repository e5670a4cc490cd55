package dev.trovekeeper.archive;

import dev.trovekeeper.storage.ObjectKey;
import dev.trovekeeper.storage.ObjectStore;
import dev.trovekeeper.storage.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Bytes staged in a local temporary file before upload, so an object never sits whole in the heap
 * and a transient upload failure can be retried from the start.
 */
final class StagedFile implements AutoCloseable {

  private final Path file;

  private StagedFile(Path file) {
    this.file = file;
  }

  static StagedFile create(Path tempDir, String prefix) {
    try {
      Files.createDirectories(tempDir);
      return new StagedFile(Files.createTempFile(tempDir, prefix, ".tmp"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary file in " + tempDir, e);
    }
  }

  Path path() {
    return file;
  }

  /**
   * Uploads the file under {@code key}, trying again up to {@code attempts} times in all while the
   * store reports transient failures.
   */
  void upload(ObjectStore store, ObjectKey key, long size, String contentType, int attempts) {
    for (int attempt = 1; ; attempt++) {
      try (InputStream in = Files.newInputStream(file)) {
        store.put(key, in, size, contentType);
        return;
      } catch (StorageException e) {
        if (!e.isTransient() || attempt >= attempts) {
          throw e;
        }
        pause(attempt);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read staged file " + file, e);
      }
    }
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(Math.min(10_000L, 500L << Math.min(attempt, 5)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while retrying an upload", e);
    }
  }

  @Override
  public void close() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // a leftover temporary file is harmless; the OS's temp cleanup removes it
    }
  }
}
