package dev.trovekeeper.archive;

import dev.trovekeeper.boot.EmbeddedDatabase;
import dev.trovekeeper.testing.MariaDbTestResource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.mariadb.jdbc.MariaDbPoolDataSource;

/**
 * A schema of its own in the shared test MariaDB, migrated with the application's Flyway scripts,
 * for plain JUnit tests of the media tables.
 */
final class MediaDatabase {

  private MediaDatabase() {}

  static DataSource create() {
    var database = MariaDbTestResource.database();
    String schema = "archive_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String base = database.jdbcUrl().substring(0, database.jdbcUrl().lastIndexOf('/') + 1);
    try (Connection c = DriverManager.getConnection(base, EmbeddedDatabase.USER, "");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + schema + " CHARACTER SET utf8mb4");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    String url = base + schema;
    Flyway.configure()
        .dataSource(url, EmbeddedDatabase.USER, "")
        .locations("classpath:db/migration")
        .load()
        .migrate();
    try {
      return new MariaDbPoolDataSource(
          url + "?user=" + EmbeddedDatabase.USER + "&maxPoolSize=12&minPoolSize=0");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
