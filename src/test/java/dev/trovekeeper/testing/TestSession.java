package dev.trovekeeper.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * The test JVM's session (registered in {@code META-INF/services}): prepares the temp directory
 * before any test and stops the shared servers after the last one.
 *
 * <ul>
 *   <li>Opened: creates {@code java.io.tmpdir}. The build points it at {@code target/tmp} (surefire
 *       and failsafe {@code argLine}), so what libraries and servers leave there goes with {@code
 *       mvn clean} or a fresh checkout instead of piling up in {@code /tmp}.
 *   <li>Closed: stops the shared servers started in the test JVM's own class loader (MariaDB,
 *       Swift, and TestInfrastructure when a plain test started it) in order, while the JVM still
 *       runs normally. Servers that {@code @QuarkusTest} started through a test resource live in
 *       Quarkus's class loaders and still stop in JVM shutdown hooks; the Kafka broker among them
 *       sequences its own directory deletion after its close ({@link KafkaBroker}), the concurrent
 *       pair suspected of ending the test JVM with a non-zero status after every test had passed
 *       (surefire's "Error occurred in starting fork"). Every stop runs once.
 * </ul>
 */
public final class TestSession implements LauncherSessionListener {

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    try {
      Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create java.io.tmpdir", e);
    }
  }

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    TestInfrastructure.stopAll();
    SwiftServer.stopShared();
    MariaDbTestResource.stopShared();
  }
}
