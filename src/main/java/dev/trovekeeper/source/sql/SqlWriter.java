package dev.trovekeeper.source.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trovekeeper.source.InvalidSourceConfigException;
import dev.trovekeeper.source.RecordWriter;
import dev.trovekeeper.source.SourceException;
import dev.trovekeeper.source.SourceUnauthorized;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Writes one tenant's rows back into its shared-schema tables (a restore), one statement per row
 * with auto-commit: {@code UPDATE ... WHERE <key> AND <tenant column> = <tenant>}, {@code INSERT}
 * keeping the row's key with the tenant column set to the tenant (never another tenant's value),
 * {@code DELETE ... WHERE <key> AND <tenant column> = <tenant>}. So no statement can touch another
 * tenant's rows: a key another tenant's row holds makes the INSERT fail (duplicate key), which is
 * that row's refusal. Identifiers come from the database's metadata, values are parameters bound as
 * the column's type (the archive's JSON as {@code SqlValues} wrote it).
 */
public final class SqlWriter implements RecordWriter {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SqlSourceConfig config;
  private final Connection connection;
  private final Map<String, SchemaReader.Table> tables;

  /**
   * Connects and reads the tables' metadata.
   *
   * @throws SourceUnauthorized when the database refuses the login
   * @throws SourceException when it cannot be reached
   */
  public SqlWriter(SqlSourceConfig config, SqlCredentials credentials) {
    this.config = config;
    try {
      var props = new Properties();
      props.setProperty("user", credentials.username());
      props.setProperty("password", credentials.password().reveal());
      Connection c = new org.mariadb.jdbc.Driver().connect(config.jdbcUrl(), props);
      if (c == null) {
        throw new SQLException("no driver for the source's URL", "08001");
      }
      this.connection = c;
      connection.setAutoCommit(true);
      this.tables = SchemaReader.tables(connection, config, new ArrayList<>());
    } catch (SQLException e) {
      var state = e.getSQLState() == null ? "" : e.getSQLState();
      if (state.startsWith("28") || e.getErrorCode() == 1045) {
        throw new SourceUnauthorized("the database refused the login", 0);
      }
      throw new SourceException("connecting to the database failed: " + e.getMessage(), true, e);
    }
  }

  @Override
  public Outcome update(String entity, String id, JsonNode record) {
    var table = table(entity);
    var set =
        table.columns().stream()
            .filter(c -> !table.primaryKey().contains(c.name()) && !isTenant(table, c))
            .toList();
    if (set.isEmpty()) {
      return Outcome.done(0);
    }
    String sql =
        "UPDATE "
            + name(table)
            + " SET "
            + set.stream()
                .map(c -> SqlSource.quote(c.name()) + " = ?")
                .collect(Collectors.joining(", "))
            + " WHERE "
            + keyCondition(table);
    return execute(
        sql,
        ps -> {
          int i = 1;
          for (var column : set) {
            bind(ps, i++, column, record.get(column.name()));
          }
          bindKey(ps, i, table, record);
        },
        true);
  }

  @Override
  public Outcome create(String entity, String id, JsonNode record) {
    var table = table(entity);
    var columns = table.columns();
    String sql =
        "INSERT INTO "
            + name(table)
            + " ("
            + columns.stream().map(c -> SqlSource.quote(c.name())).collect(Collectors.joining(", "))
            + ") VALUES ("
            + columns.stream().map(c -> "?").collect(Collectors.joining(", "))
            + ")";
    return execute(
        sql,
        ps -> {
          int i = 1;
          for (var column : columns) {
            JsonNode value =
                isTenant(table, column)
                    ? JSON.getNodeFactory().textNode(config.tenantValue())
                    : record.get(column.name());
            bind(ps, i++, column, value);
          }
        },
        false);
  }

  @Override
  public Outcome delete(String entity, String id) {
    var table = table(entity);
    JsonNode key = keyRecord(table, id);
    String sql = "DELETE FROM " + name(table) + " WHERE " + keyCondition(table);
    return execute(sql, ps -> bindKey(ps, 1, table, key), false);
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      // the connection is gone either way
    }
  }

  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  private Outcome execute(String sql, Binder binder, boolean mustMatch) {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      binder.bind(ps);
      int rows = ps.executeUpdate();
      if (mustMatch && rows == 0) {
        return Outcome.refused(0, "no row of the tenant with this key");
      }
      return Outcome.done(0);
    } catch (SQLException e) {
      var state = e.getSQLState() == null ? "" : e.getSQLState();
      if (state.startsWith("08")) {
        throw new SourceException("the database connection failed: " + e.getMessage(), true, e);
      }
      return Outcome.refused(e.getErrorCode(), e.getMessage());
    } catch (RuntimeException e) {
      // a value the column cannot take (not a number, not a date): this row's refusal
      return Outcome.refused(0, "a value does not fit its column: " + e.getMessage());
    }
  }

  private SchemaReader.Table table(String entity) {
    var table = tables.get(entity);
    if (table == null) {
      throw new InvalidSourceConfigException(
          List.of(new dev.trovekeeper.api.Problem.FieldError("tables", "has no table " + entity)));
    }
    if (table.primaryKey().isEmpty()) {
      throw new SourceException("table " + entity + " has no primary key to restore by", false);
    }
    return table;
  }

  private String name(SchemaReader.Table table) {
    return SqlSource.quote(config.database()) + "." + SqlSource.quote(table.name());
  }

  private static boolean isTenant(SchemaReader.Table table, SchemaReader.Column column) {
    return column.name().equals(table.tenant().name());
  }

  private static String keyCondition(SchemaReader.Table table) {
    return table.primaryKey().stream()
            .map(k -> SqlSource.quote(k) + " = ?")
            .collect(Collectors.joining(" AND "))
        + " AND "
        + SqlSource.quote(table.tenant().name())
        + " = ?";
  }

  private void bindKey(PreparedStatement ps, int from, SchemaReader.Table table, JsonNode record)
      throws SQLException {
    int i = from;
    for (String key : table.primaryKey()) {
      if (key.equals(table.tenant().name())) {
        ps.setString(i++, config.tenantValue()); // the key's tenant part is always this tenant
      } else {
        bind(ps, i++, column(table, key), record.get(key));
      }
    }
    ps.setString(i, config.tenantValue());
  }

  /** The key columns' values from a record key: one value as text, several a JSON array. */
  private static JsonNode keyRecord(SchemaReader.Table table, String id) {
    var node = JSON.createObjectNode();
    if (table.primaryKey().size() == 1) {
      node.put(table.primaryKey().get(0), id);
      return node;
    }
    try {
      JsonNode values = JSON.readTree(id);
      for (int i = 0; i < table.primaryKey().size(); i++) {
        node.set(table.primaryKey().get(i), values.get(i));
      }
      return node;
    } catch (IOException | RuntimeException e) {
      throw new SourceException("not a key of table " + table.name() + ": " + id, false);
    }
  }

  private static SchemaReader.Column column(SchemaReader.Table table, String name) {
    return table.columns().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }

  /** Binds an archive value as the column's type (the inverse of {@code SqlValues.read}). */
  static void bind(PreparedStatement ps, int index, SchemaReader.Column column, JsonNode value)
      throws SQLException {
    SqlValues.bind(ps, index, column.jdbcType(), column.typeName(), value);
  }
}
