package dev.trovekeeper.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesystemObjectStoreTest extends ObjectStoreContractTest {

  @TempDir Path root;

  private FilesystemObjectStore store;

  @BeforeEach
  void createStore() {
    store = new FilesystemObjectStore(root.resolve("objects"));
  }

  @Override
  protected ObjectStore store() {
    return store;
  }

  @Override
  protected ObjectStore storeWithWrongCredentials() {
    try {
      // no credentials here: a root below a regular file can never be created
      Path file = Files.writeString(root.resolve("not-a-directory"), "x");
      return new FilesystemObjectStore(file.resolve("objects"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  protected String wrongSecret() {
    return "no-secret-for-files";
  }

  /**
   * A write killed midway leaves its temporary file in {@code #incoming/}: the start's sweep
   * deletes the ones older than the start and leaves younger ones (a write this process began) and
   * objects.
   */
  @Test
  void temporaryFilesOfWritesThatNeverFinishedAreRemovedAtStart() throws IOException {
    store.put(ObjectKey.of("a/b/part.zst"), new ByteArrayInputStream(new byte[] {1}), 1, "a/b");
    Path dir = root.resolve("objects/#incoming");
    Path abandoned = Files.writeString(dir.resolve("#killed-writer"), "half");
    Files.setLastModifiedTime(
        abandoned, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(60)));
    java.time.Instant start = java.time.Instant.now().minusSeconds(30);
    Path current = Files.writeString(dir.resolve("#running-writer"), "in flight");

    assertThat(store.removeAbandonedTemporaryFiles(start)).isEqualTo(1);

    assertThat(abandoned).doesNotExist();
    assertThat(current).exists();
    assertThat(store.exists(ObjectKey.of("a/b/part.zst"))).isTrue();
    assertThat(store.list("").map(o -> o.key().value())).containsExactly("a/b/part.zst");
    assertThat(
            new FilesystemObjectStore(root.resolve("missing")).removeAbandonedTemporaryFiles(start))
        .isZero();
  }

  @Test
  void leavesNoTemporaryFilesBehind() throws IOException {
    store.put(ObjectKey.of("x/y"), new ByteArrayInputStream(new byte[] {1, 2}), 2, "a/b");

    try (Stream<Path> files = Files.walk(root)) {
      assertThat(files.filter(Files::isRegularFile)).containsExactly(root.resolve("objects/x/y"));
    }
  }

  @Test
  void shortStreamIsRefusedAndNothingIsStored() {
    ObjectKey key = ObjectKey.of("short");

    assertThatThrownBy(
            () -> store.put(key, new ByteArrayInputStream(new byte[3]), 10, "application/x"))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("expected 10 bytes");
    assertThat(store.exists(key)).isFalse();
  }

  @Test
  void unreachableWhenRootCannotBeCreated() throws IOException {
    Path file = Files.createFile(root.resolve("a-file"));
    FilesystemObjectStore broken = new FilesystemObjectStore(file.resolve("objects"));

    assertThatThrownBy(broken::checkReachable)
        .isInstanceOf(StorageException.class)
        .hasMessageContaining(file.toString());
  }
}
