package dev.trovekeeper.testing;

import dev.trovekeeper.boot.EmbeddedDatabase;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.mariadb.jdbc.MariaDbPoolDataSource;

/**
 * Schemas of their own on the shared test MariaDB, for plain JUnit tests of JDBC code that need no
 * Quarkus boot: dropped and created again on each call.
 */
public final class Schemas {

  private Schemas() {}

  /** A new empty schema {@code name}, as a pooled datasource of the test's root user. */
  public static MariaDbPoolDataSource empty(String name) {
    var db = MariaDbTestResource.database();
    var root = db.jdbcUrl().substring(0, db.jdbcUrl().lastIndexOf('/') + 1);
    try (var admin = new MariaDbPoolDataSource(root + "?user=" + EmbeddedDatabase.USER);
        var c = admin.getConnection();
        var s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS `" + name + "`");
      s.execute("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4");
      return new MariaDbPoolDataSource(
          root + name + "?user=" + EmbeddedDatabase.USER + "&maxPoolSize=16");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A new schema {@code name} migrated by the service's Flyway migrations. */
  public static MariaDbPoolDataSource migrated(String name) {
    var ds = empty(name);
    Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
    return ds;
  }
}
