package dev.trovekeeper.boot;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Opens one connection to the configured database before Quarkus starts, so an unreachable server
 * or rejected credentials end in one line naming the setting instead of a Flyway stack trace.
 */
final class DatabasePreflight {

  private static final int LOGIN_TIMEOUT_SECONDS = 10;

  private DatabasePreflight() {}

  static void check(LaunchSettings settings) {
    String url = settings.get(LaunchSettings.JDBC_URL_PROP).orElseThrow();
    String user = settings.get("quarkus.datasource.username").orElse(null);
    String password = settings.get("quarkus.datasource.password").orElse(null);
    DriverManager.setLoginTimeout(LOGIN_TIMEOUT_SECONDS);
    try (Connection ignored = DriverManager.getConnection(url, user, password)) {
      // reachable and the credentials are accepted
    } catch (SQLException e) {
      throw new StartupCheckException(describe(url, e));
    }
  }

  static String describe(String url, SQLException e) {
    // SQLSTATE 28000 is "invalid authorization"; MariaDB reports access denied as 1045.
    if ("28000".equals(e.getSQLState()) || e.getErrorCode() == 1045) {
      return "the database at "
          + LaunchSettings.JDBC_URL_ENV
          + "="
          + url
          + " rejected the credentials in QUARKUS_DATASOURCE_USERNAME / QUARKUS_DATASOURCE_PASSWORD";
    }
    if (e.getErrorCode() == 1049) {
      return "the database named in " + LaunchSettings.JDBC_URL_ENV + "=" + url + " does not exist";
    }
    return "cannot reach the database at "
        + LaunchSettings.JDBC_URL_ENV
        + "="
        + url
        + ": "
        + rootMessage(e);
  }

  private static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String message = cause.getMessage();
    return message == null ? cause.getClass().getSimpleName() : message.lines().findFirst().get();
  }
}
