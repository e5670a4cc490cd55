package dev.trovekeeper.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Working directories of the servers the tests start (MariaDB, Swift, s3proxy, the packaged
 * service): each is deleted once its server has stopped, because a full {@code mvn -B verify}
 * writes several gigabytes (an embedded MariaDB alone is about 500 MB) and leftovers from one run
 * after another once filled the disk of the machine CI runs on.
 */
public final class ScratchDirs {

  private ScratchDirs() {}

  /** A new directory under {@code java.io.tmpdir} (the build sets it to {@code target/tmp}). */
  public static Path create(String prefix) {
    try {
      Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
      Files.createDirectories(tmp);
      return Files.createTempDirectory(tmp, prefix);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a scratch directory", e);
    }
  }

  /** Deletes {@code path} and everything under it; what cannot be deleted is left. */
  public static void delete(Path path) {
    deleteExcept(path, null);
  }

  /**
   * Deletes everything under {@code dir} but the files whose name ends in {@code keptSuffix} (such
   * as a service's logs, kept for diagnosis) and the directories holding them.
   */
  public static void deleteExcept(Path dir, String keptSuffix) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths
          .sorted(Comparator.reverseOrder())
          .filter(p -> keptSuffix == null || !p.getFileName().toString().endsWith(keptSuffix))
          .forEach(p -> p.toFile().delete()); // a non-empty directory is simply left
    } catch (IOException | UncheckedIOException e) {
      // a leftover is harmless to the test; the next mvn clean removes target/tmp
    }
  }
}
