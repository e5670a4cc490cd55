package dev.trovekeeper.boot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Fills the embedded default for each production setting that is missing: an embedded MariaDB when
 * no JDBC URL is set, the built-in demo OpenStack region when no {@code OS_AUTH_URL} or {@code
 * OS_CLOUD} is set, a key kept under the data directory when no key for dataset credentials is set.
 * Each fallback is announced, since none of them is meant for production.
 */
final class EmbeddedDefaults {

  private static final String CREDENTIALS_KEY_PROP = "keeper.dataset.credentials-key";

  private EmbeddedDefaults() {}

  static void apply(LaunchSettings settings) {
    if (settings.get(LaunchSettings.JDBC_URL_PROP).isEmpty()) {
      EmbeddedDatabase database = EmbeddedDatabase.start(settings.dataDir().resolve("db"), false);
      // Stopped after the application (its workers release their runs first), not with it.
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> ShutdownOrder.INSTANCE.stopAfterApplication(database::stop),
                  "embedded-mariadb-stop"));
      System.setProperty(LaunchSettings.JDBC_URL_PROP, database.jdbcUrl());
      System.setProperty("quarkus.datasource.username", EmbeddedDatabase.USER);
      System.setProperty("quarkus.datasource.password", "");
      announce(
          "no "
              + LaunchSettings.JDBC_URL_ENV
              + ": using the embedded MariaDB under "
              + database.dataDir()
              + " ("
              + database.jdbcUrl()
              + ")");
    }
    if (settings.get(CREDENTIALS_KEY_PROP).isEmpty()
        && settings.get("keeper.dataset.previous-credentials-keys").isEmpty()) {
      Path keyFile = settings.dataDir().resolve("credentials.key");
      System.setProperty(CREDENTIALS_KEY_PROP, localKey(keyFile));
      announce(
          "no KEEPER_DATASET_CREDENTIALS_KEY: dataset credentials encrypted with the key in "
              + keyFile.toAbsolutePath());
    }
    boolean openStackConfigured =
        settings.getEnv("OS_AUTH_URL").isPresent()
            || settings.getEnv("OS_CLOUD").isPresent()
            || settings.get("keeper.openstack.auth-url").isPresent();
    if (!openStackConfigured && settings.get("keeper.demo.enabled").isEmpty()) {
      System.setProperty("keeper.demo.enabled", "true");
      announce("no OS_AUTH_URL or OS_CLOUD: using the built-in demo OpenStack region");
    }
  }

  /** The key in {@code file}, created (32 random bytes, base64, owner-only) on first use. */
  private static String localKey(Path file) {
    try {
      if (Files.exists(file)) {
        return Files.readString(file).trim();
      }
      Files.createDirectories(file.toAbsolutePath().getParent());
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      String encoded = Base64.getEncoder().encodeToString(key);
      Files.writeString(file, encoded + "\n");
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the file keeps the default permissions
      }
      return encoded;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the local credentials key in " + file, e);
    }
  }

  private static void announce(String message) {
    System.err.println("WARN  [trove-keeper] embedded default, not for production: " + message);
  }
}
