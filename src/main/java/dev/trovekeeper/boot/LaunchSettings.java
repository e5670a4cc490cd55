package dev.trovekeeper.boot;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The few settings read before Quarkus starts, from system properties first, then environment
 * variables (the same precedence Quarkus uses).
 */
record LaunchSettings(Map<String, String> env, Properties system) {

  static final String JDBC_URL_ENV = "QUARKUS_DATASOURCE_JDBC_URL";
  static final String JDBC_URL_PROP = "quarkus.datasource.jdbc.url";

  static LaunchSettings fromEnvironment() {
    return new LaunchSettings(System.getenv(), System.getProperties());
  }

  /** A setting by its property name, or by the environment variable Quarkus derives from it. */
  Optional<String> get(String property) {
    String value = system.getProperty(property);
    if (value == null) {
      value = env.get(envName(property));
    }
    return Optional.ofNullable(value).filter(v -> !v.isBlank());
  }

  Optional<String> getEnv(String name) {
    return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank());
  }

  /** Where embedded components keep their data ({@code keeper.data-dir}, default ./data). */
  Path dataDir() {
    return Path.of(get("keeper.data-dir").orElse("data"));
  }

  static String envName(String property) {
    return property.toUpperCase().replaceAll("[^A-Z0-9]", "_");
  }
}
