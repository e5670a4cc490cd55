package dev.trovekeeper.source.sql;

import dev.trovekeeper.api.Problem.FieldError;
import dev.trovekeeper.source.InvalidSourceConfigException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the database's metadata says about the configured tables: their real names, columns (with
 * JDBC types), primary keys and the foreign keys among them. Every identifier later put into SQL
 * comes from here, never from the configuration's text.
 */
final class SchemaReader {

  /** A column: exact name, JDBC type, type name as the database spells it. */
  record Column(String name, int jdbcType, String typeName) {}

  /** A table as the metadata describes it. */
  record Table(String name, List<Column> columns, List<String> primaryKey, Column tenant) {}

  private SchemaReader() {}

  /**
   * Reads the tables and the foreign keys among them.
   *
   * @throws InvalidSourceConfigException naming each table that does not exist or lacks the tenant
   *     column
   */
  static Map<String, Table> tables(Connection c, SqlSourceConfig config, List<ForeignKey> keysOut)
      throws SQLException {
    var meta = c.getMetaData();
    var existing = new HashMap<String, String>();
    try (var rs = meta.getTables(config.database(), null, "%", new String[] {"TABLE"})) {
      while (rs.next()) {
        existing.put(rs.getString("TABLE_NAME"), rs.getString("TABLE_NAME"));
      }
    }
    var errors = new ArrayList<FieldError>();
    var tables = new LinkedHashMap<String, Table>();
    for (int i = 0; i < config.tables().size(); i++) {
      var name = existing.get(config.tables().get(i));
      if (name == null) {
        errors.add(
            new FieldError("tables[" + i + "]", "is not a table of database " + config.database()));
        continue;
      }
      var table = table(meta, config, name);
      if (table.tenant() == null) {
        errors.add(new FieldError("tables[" + i + "]", "has no column " + config.tenantColumn()));
        continue;
      }
      tables.put(name, table);
    }
    if (!errors.isEmpty()) {
      throw new InvalidSourceConfigException(errors);
    }
    for (var name : tables.keySet()) {
      keysOut.addAll(foreignKeys(meta, config, name));
    }
    return tables;
  }

  private static Table table(DatabaseMetaData meta, SqlSourceConfig config, String name)
      throws SQLException {
    var columns = new ArrayList<Column>();
    Column tenant = null;
    try (var rs = meta.getColumns(config.database(), null, name, "%")) {
      while (rs.next()) {
        var column =
            new Column(
                rs.getString("COLUMN_NAME"), rs.getInt("DATA_TYPE"), rs.getString("TYPE_NAME"));
        columns.add(column);
        if (column.name().equalsIgnoreCase(config.tenantColumn())) {
          tenant = column;
        }
      }
    }
    var pk = new TreeMap<Integer, String>();
    try (var rs = meta.getPrimaryKeys(config.database(), null, name)) {
      while (rs.next()) {
        pk.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
      }
    }
    return new Table(name, List.copyOf(columns), List.copyOf(pk.values()), tenant);
  }

  private static List<ForeignKey> foreignKeys(
      DatabaseMetaData meta, SqlSourceConfig config, String table) throws SQLException {
    record Part(String parent, int seq, String column, String parentColumn) {}
    var byName = new LinkedHashMap<String, List<Part>>();
    try (var rs = meta.getImportedKeys(config.database(), null, table)) {
      while (rs.next()) {
        byName
            .computeIfAbsent(rs.getString("FK_NAME"), k -> new ArrayList<>())
            .add(
                new Part(
                    rs.getString("PKTABLE_NAME"),
                    rs.getInt("KEY_SEQ"),
                    rs.getString("FKCOLUMN_NAME"),
                    rs.getString("PKCOLUMN_NAME")));
      }
    }
    var keys = new ArrayList<ForeignKey>();
    byName.forEach(
        (name, parts) -> {
          parts.sort(java.util.Comparator.comparingInt(Part::seq));
          keys.add(
              new ForeignKey(
                  name,
                  table,
                  parts.stream().map(Part::column).toList(),
                  parts.get(0).parent(),
                  parts.stream().map(Part::parentColumn).toList()));
        });
    return keys;
  }
}
