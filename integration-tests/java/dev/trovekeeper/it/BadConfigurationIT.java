package dev.trovekeeper.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trovekeeper.testing.S3ProxyServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bad configuration ends the process quickly with one ERROR line naming the setting to fix, and no
 * stack trace.
 */
class BadConfigurationIT {

  @Test
  void unreachableDatabaseNamesTheJdbcUrl() {
    String url = "jdbc:mariadb://127.0.0.1:" + AppProcess.freePort() + "/keeper";
    try (AppProcess app = AppProcess.start(AppProcess.env("QUARKUS_DATASOURCE_JDBC_URL", url))) {
      assertThat(app.awaitExit(Duration.ofSeconds(180))).isNotZero();
      assertOneClearError(app.output(), "QUARKUS_DATASOURCE_JDBC_URL=" + url);
    }
  }

  @Test
  void unreachableKeystoneNamesOsAuthUrl() {
    String authUrl = "http://127.0.0.1:" + AppProcess.freePort() + "/v3";
    Map<String, String> env =
        AppProcess.env(
            "OS_AUTH_URL", authUrl,
            "OS_USERNAME", "trove-keeper",
            "OS_PASSWORD", "secret",
            "OS_PROJECT_NAME", "service");
    try (AppProcess app = AppProcess.start(env)) {
      assertThat(app.awaitExit(Duration.ofSeconds(180))).isNotZero();
      assertOneClearError(app.output(), "OS_AUTH_URL=" + authUrl);
      assertThat(app.output()).doesNotContain("secret");
    }
  }

  @Test
  void wrongS3CredentialsNameTheStorageSettings() {
    try (S3ProxyServer s3 = S3ProxyServer.start()) {
      Map<String, String> env = new HashMap<>();
      env.put("KEEPER_STORAGE_KIND", "s3");
      env.put("KEEPER_STORAGE_S3_ENDPOINT", s3.endpoint().toString());
      env.put("KEEPER_STORAGE_S3_BUCKET", "trove-keeper-it");
      env.put("KEEPER_STORAGE_S3_ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY);
      env.put("KEEPER_STORAGE_S3_SECRET_ACCESS_KEY", "not-the-secret");
      try (AppProcess app = AppProcess.start(env)) {
        assertThat(app.awaitExit(Duration.ofSeconds(180))).isNotZero();
        assertOneClearError(app.output(), "KEEPER_STORAGE_S3_SECRET_ACCESS_KEY");
        assertThat(app.output()).doesNotContain("not-the-secret");
      }
    }
  }

  private static void assertOneClearError(String output, String setting) {
    List<String> errors = output.lines().filter(line -> line.contains("ERROR")).toList();
    assertThat(errors).as(output).hasSize(1);
    assertThat(errors.get(0)).contains(setting);
    assertThat(output).as("no stack trace").doesNotContainPattern("(?m)^\\s+at [a-z]");
  }
}
