package dev.trovekeeper.source.sql;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.trovekeeper.source.EntitySchema;
import dev.trovekeeper.source.RecordSink;
import dev.trovekeeper.source.Reference;
import dev.trovekeeper.source.SourceException;
import dev.trovekeeper.source.SourceSchema;
import dev.trovekeeper.source.SourceUnauthorized;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Reads one tenant's rows of a shared-schema database into a {@link RecordSink}: tables in
 * foreign-key order ({@link TableOrder}; cycles in the schema snapshot), each streamed row by row
 * ({@code fetchSize} rows per round trip) in primary-key order, all in one read-only
 * repeatable-read transaction so the tables agree with each other. Only rows whose tenant column
 * equals the tenant's value are selected; identifiers come from the metadata, quoted.
 */
public final class SqlSource {

  private static final int INTERRUPT_CHECK = 1_000;

  private final SqlSourceConfig config;
  private final SqlCredentials credentials;

  public SqlSource(SqlSourceConfig config, SqlCredentials credentials) {
    this.config = config;
    this.credentials = credentials;
  }

  /**
   * Reads the tenant's rows.
   *
   * @throws SourceUnauthorized when the database refuses the login
   * @throws dev.trovekeeper.source.InvalidSourceConfigException for a missing table or column
   * @throws SourceException on other database failures (transient when the connection failed)
   */
  public void read(RecordSink sink) throws InterruptedException {
    try (var c = connect()) {
      c.setReadOnly(true);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      c.setAutoCommit(false);
      var keys = new ArrayList<ForeignKey>();
      var tables = SchemaReader.tables(c, config, keys);
      var order = TableOrder.of(tables.keySet(), keys);
      var byTable = keys.stream().collect(Collectors.groupingBy(ForeignKey::table));
      var entities = new ArrayList<EntitySchema>();
      for (var name : order.tables()) {
        entities.add(schema(tables.get(name), byTable.getOrDefault(name, List.of()), tables));
      }
      sink.begin(new SourceSchema("SQL", entities, order.cycles()));
      for (var entity : entities) {
        sink.entityStart(entity);
        sink.entityEnd(entity.name(), stream(c, tables.get(entity.name()), sink));
      }
      c.rollback();
    } catch (SQLException e) {
      throw translate(e);
    }
  }

  private Connection connect() throws SQLException {
    var props = new Properties();
    props.setProperty("user", credentials.username());
    props.setProperty("password", credentials.password().reveal());
    var connection = new org.mariadb.jdbc.Driver().connect(config.jdbcUrl(), props);
    if (connection == null) {
      throw new SQLException("no driver for the source's URL", "08001");
    }
    return connection;
  }

  private long stream(Connection c, SchemaReader.Table table, RecordSink sink)
      throws SQLException, InterruptedException {
    var sql = select(table);
    try (var statement =
        c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
      statement.setFetchSize(config.fetchSize());
      statement.setString(1, config.tenantValue());
      long rows = 0;
      var columns = table.columns();
      try (var rs = statement.executeQuery()) {
        while (rs.next()) {
          var row = JsonNodeFactory.instance.objectNode();
          for (int i = 0; i < columns.size(); i++) {
            var column = columns.get(i);
            row.set(column.name(), SqlValues.read(rs, i + 1, column.jdbcType(), column.typeName()));
          }
          sink.record(row);
          if (++rows % INTERRUPT_CHECK == 0 && Thread.interrupted()) {
            throw new InterruptedException();
          }
        }
      }
      return rows;
    }
  }

  /** The one query per table: quoted identifiers from the metadata, the tenant as a parameter. */
  private String select(SchemaReader.Table table) {
    var columns =
        table.columns().stream().map(col -> quote(col.name())).collect(Collectors.joining(", "));
    var sql =
        new StringBuilder("SELECT ")
            .append(columns)
            .append(" FROM ")
            .append(quote(config.database()))
            .append('.')
            .append(quote(table.name()))
            .append(" WHERE ")
            .append(quote(table.tenant().name()))
            .append(" = ?");
    var orderBy =
        table.primaryKey().isEmpty()
            ? table.columns().stream().map(SchemaReader.Column::name).toList()
            : table.primaryKey();
    sql.append(" ORDER BY ")
        .append(orderBy.stream().map(SqlSource::quote).collect(Collectors.joining(", ")));
    return sql.toString();
  }

  static String quote(String identifier) {
    return "`" + identifier.replace("`", "``") + "`";
  }

  private static EntitySchema schema(
      SchemaReader.Table table, List<ForeignKey> keys, Map<String, SchemaReader.Table> all) {
    Map<String, String> types = new LinkedHashMap<>();
    table.columns().forEach(col -> types.put(col.name(), col.typeName()));
    var references =
        keys.stream()
            .filter(k -> all.containsKey(k.referencedTable()))
            .map(
                k ->
                    new Reference(
                        k.name(), k.columns(), k.referencedTable(), k.referencedColumns()))
            .toList();
    return new EntitySchema(table.name(), table.primaryKey(), null, references, List.of(), types);
  }

  private static SourceException translate(SQLException e) {
    var state = e.getSQLState() == null ? "" : e.getSQLState();
    if (state.startsWith("28") || e.getErrorCode() == 1045) {
      return new SourceUnauthorized("the database refused the login", 0);
    }
    if (e.getErrorCode() == 1142 || e.getErrorCode() == 1044) {
      return new SourceUnauthorized("the database user may not read the tables", 0);
    }
    boolean transientFailure =
        state.startsWith("08") || state.startsWith("40") || state.startsWith("HY");
    // the message names no credentials: the driver never puts the password into it
    return new SourceException(
        "reading the database failed: " + e.getMessage(), transientFailure, e);
  }
}
