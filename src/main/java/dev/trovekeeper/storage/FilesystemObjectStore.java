package dev.trovekeeper.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Objects as files under a root directory, the embedded default. Writes go to a temporary file in
 * {@code <root>/#incoming/} and are then moved into place atomically (a rename on the same file
 * system). Temporary names contain {@code #}, a character keys cannot have, so listings never show
 * them, and the sweep of abandoned writes reads that one directory, not the whole tree. A key
 * cannot be both an object and the parent of another (for example {@code a} and {@code a/b}),
 * unlike in S3.
 */
public class FilesystemObjectStore implements ObjectStore {

  private static final String TEMP_MARK = "#";

  private final Path root;
  private final Path incoming;

  /** Stores objects under {@code root}, created on first use. */
  public FilesystemObjectStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
    this.incoming = this.root.resolve(TEMP_MARK + "incoming");
  }

  @Override
  public void put(ObjectKey key, InputStream content, long length, String contentType) {
    Path target = path(key);
    Path temp = incoming.resolve(TEMP_MARK + UUID.randomUUID());
    try {
      Files.createDirectories(target.getParent());
      Files.createDirectories(incoming);
      long written;
      try (FileChannel channel =
          FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        OutputStream out = Channels.newOutputStream(channel);
        written = content.transferTo(out);
        channel.force(true);
      }
      if (length != UNKNOWN_LENGTH && written != length) {
        throw new StorageException(
            "expected " + length + " bytes but the stream had " + written,
            false,
            location(),
            key,
            null);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (FileAlreadyExistsException | NotDirectoryException e) {
      throw new StorageException("key collides with a prefix", false, location(), key, e);
    } catch (IOException e) {
      throw new StorageException("write failed", true, location(), key, e);
    } finally {
      deleteQuietly(temp);
    }
  }

  /**
   * Deletes the temporary files of writes that never finished (a process killed mid-write leaves
   * one in {@code #incoming/}; listings never show it, but it holds disk space for good), as far as
   * they were last modified before {@code before}. Reads that one directory, whatever the number of
   * objects. The service calls this once at start with its start time, so temporary files of its
   * own writes, begun later, are never touched. The root belongs to one service process at a time
   * (the embedded default); a write of another process into the same root at that moment would fail
   * and be retried.
   *
   * @return how many were deleted
   */
  public int removeAbandonedTemporaryFiles(java.time.Instant before) {
    if (!Files.isDirectory(incoming)) {
      return 0;
    }
    int removed = 0;
    try (Stream<Path> files = Files.list(incoming)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (file.getFileName().toString().contains(TEMP_MARK) && isOlder(file, before)) {
          if (Files.deleteIfExists(file)) {
            removed++;
          }
        }
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new StorageException("sweep of temporary files failed", true, location(), null, e);
    }
    return removed;
  }

  private static boolean isOlder(Path file, java.time.Instant before) throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
    return attributes.isRegularFile() && attributes.lastModifiedTime().toInstant().isBefore(before);
  }

  @Override
  public InputStream get(ObjectKey key) {
    Path file = path(key);
    try {
      if (Files.isDirectory(file)) {
        throw new ObjectNotFoundException(location(), key, null);
      }
      return Files.newInputStream(file);
    } catch (NoSuchFileException e) {
      throw new ObjectNotFoundException(location(), key, e);
    } catch (IOException e) {
      throw new StorageException("read failed", true, location(), key, e);
    }
  }

  @Override
  public Optional<ObjectInfo> stat(ObjectKey key) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(path(key), BasicFileAttributes.class);
      return attributes.isRegularFile() ? Optional.of(info(key, attributes)) : Optional.empty();
    } catch (NoSuchFileException | NotDirectoryException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new StorageException("stat failed", true, location(), key, e);
    }
  }

  @Override
  public void delete(ObjectKey key) {
    Path file = path(key);
    try {
      if (!Files.isDirectory(file)) {
        Files.deleteIfExists(file);
      }
    } catch (NotDirectoryException e) {
      // a parent segment is a file: nothing to delete
    } catch (IOException e) {
      throw new StorageException("delete failed", true, location(), key, e);
    }
  }

  @Override
  public Stream<ObjectInfo> list(String prefix) {
    ObjectKey.checkPrefix(prefix);
    int slash = prefix.lastIndexOf('/');
    Path start = slash < 0 ? root : root.resolve(prefix.substring(0, slash));
    if (!Files.isDirectory(start)) {
      return Stream.empty();
    }
    try {
      return Files.find(start, Integer.MAX_VALUE, (path, attributes) -> attributes.isRegularFile())
          .map(this::relativeKey)
          .filter(name -> name.startsWith(prefix) && ObjectKey.isValid(name))
          .flatMap(name -> stat(ObjectKey.of(name)).stream());
    } catch (IOException e) {
      throw new StorageException("list failed", true, location(), null, e);
    }
  }

  @Override
  public void checkReachable() {
    try {
      Files.createDirectories(root);
      if (!Files.isWritable(root)) {
        throw new StorageException("root is not writable", false, location(), null, null);
      }
    } catch (IOException e) {
      throw new StorageException("cannot create root directory", false, location(), null, e);
    }
  }

  @Override
  public String kind() {
    return "filesystem";
  }

  @Override
  public String location() {
    return root.toString();
  }

  private Path path(ObjectKey key) {
    // ObjectKey forbids '..', '.', empty segments and leading '/': the result stays under root.
    return root.resolve(key.value());
  }

  private String relativeKey(Path file) {
    return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
  }

  private static ObjectInfo info(ObjectKey key, BasicFileAttributes attributes) {
    return new ObjectInfo(key, attributes.size(), attributes.lastModifiedTime().toInstant());
  }

  private static void deleteQuietly(Path temp) {
    try {
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      // best effort: a leftover temporary file is invisible to listings and harmless
    }
  }
}
