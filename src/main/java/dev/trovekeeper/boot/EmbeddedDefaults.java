package dev.trovekeeper.boot;

/**
 * Fills the embedded default for each production setting that is missing: an embedded MariaDB when
 * no JDBC URL is set, the built-in demo OpenStack region when no {@code OS_AUTH_URL} or {@code
 * OS_CLOUD} is set. Each fallback is announced, since none of them is meant for production.
 */
final class EmbeddedDefaults {

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
    boolean openStackConfigured =
        settings.getEnv("OS_AUTH_URL").isPresent()
            || settings.getEnv("OS_CLOUD").isPresent()
            || settings.get("keeper.openstack.auth-url").isPresent();
    if (!openStackConfigured && settings.get("keeper.demo.enabled").isEmpty()) {
      System.setProperty("keeper.demo.enabled", "true");
      announce("no OS_AUTH_URL or OS_CLOUD: using the built-in demo OpenStack region");
    }
  }

  private static void announce(String message) {
    System.err.println("WARN  [trove-keeper] embedded default, not for production: " + message);
  }
}
