package dev.trovekeeper.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trovekeeper.testing.ScratchDirs;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The embedded MariaDB keeps its data across a restart, wherever the data directory is. */
class EmbeddedDatabaseTest {

  @Test
  void dataUnderTheTempDirectorySurvivesARestart() throws SQLException {
    // The test JVM's java.io.tmpdir is target/tmp: this directory is inside it, as a checkout
    // under /tmp is for a service started there.
    Path dir = ScratchDirs.create("restart-");
    assertThat(dir.toAbsolutePath().toString()).startsWith(System.getProperty("java.io.tmpdir"));
    try {
      EmbeddedDatabase first = EmbeddedDatabase.start(dir.resolve("db"), false);
      try (Connection c = connect(first);
          Statement st = c.createStatement()) {
        st.execute("CREATE TABLE kept (id INT PRIMARY KEY)");
        st.execute("INSERT INTO kept VALUES (42)");
      } finally {
        first.stop();
      }

      EmbeddedDatabase second = EmbeddedDatabase.start(dir.resolve("db"), false);
      try (Connection c = connect(second);
          ResultSet rs = c.createStatement().executeQuery("SELECT id FROM kept")) {
        assertThat(rs.next()).as("the row written before the restart").isTrue();
        assertThat(rs.getInt(1)).isEqualTo(42);
      } finally {
        second.stop();
      }
    } finally {
      ScratchDirs.delete(dir);
    }
  }

  @Test
  void aDataDirectoryOutsideTheTempDirectoryIsNamedAsIs() {
    Path outside = Path.of("/var/lib/trove-keeper/data/db");
    assertThat(EmbeddedDatabase.keptDataDir(outside).getPath()).isEqualTo(outside.toString());
    Path inside = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().resolve("d");
    assertThat(EmbeddedDatabase.keptDataDir(inside).getPath()).isEqualTo("/." + inside);
  }

  private static Connection connect(EmbeddedDatabase db) throws SQLException {
    return DriverManager.getConnection(db.jdbcUrl(), EmbeddedDatabase.USER, null);
  }
}
