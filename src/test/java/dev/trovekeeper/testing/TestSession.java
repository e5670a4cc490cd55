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
 *   <li>Closed: stops the Kafka broker, s3proxy, GreenMail, the demo region, Swift and MariaDB in
 *       order, while the JVM still runs normally. Left to JVM shutdown hooks, they stopped
 *       concurrently with other hooks (Kafka's test kit deletes its log directories in one while
 *       the broker is still closing them), and the test JVM sometimes ended with a non-zero status
 *       after every test had passed: surefire's "Error occurred in starting fork". The hooks stay
 *       as a fallback for a session that does not end normally; every stop runs once.
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
