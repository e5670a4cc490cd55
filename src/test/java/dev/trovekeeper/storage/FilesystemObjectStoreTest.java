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
