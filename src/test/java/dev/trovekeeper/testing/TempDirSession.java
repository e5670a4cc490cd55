package dev.trovekeeper.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Creates the test JVM's {@code java.io.tmpdir} before any test runs: the build points it at {@code
 * target/tmp} (surefire and failsafe {@code argLine}), so what libraries and servers leave there
 * goes with {@code mvn clean} or a fresh checkout instead of piling up in {@code /tmp}.
 */
public final class TempDirSession implements LauncherSessionListener {

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    try {
      Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create java.io.tmpdir", e);
    }
  }
}
