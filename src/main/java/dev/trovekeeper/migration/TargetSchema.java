package dev.trovekeeper.migration;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the target database's metadata says about the dataset's tables: columns (type, nullable,
 * auto-increment, size), the primary key and the unique keys other than it. Every identifier later
 * put into SQL comes from here.
 */
final class TargetSchema {

  /** A column as the metadata describes it. */
  record Column(
      String name,
      int jdbcType,
      String typeName,
      boolean nullable,
      boolean autoIncrement,
      int size) {}

  /**
   * A table.
   *
   * @param uniqueKeys unique indexes other than the primary key, by name, columns in index order
   */
  record Table(
      String name,
      Map<String, Column> columns,
      List<String> primaryKey,
      Map<String, List<String>> uniqueKeys) {

    Column column(String name) {
      Column c = columns.get(name);
      if (c == null) {
        throw new MigrationException(
            "TARGET_SCHEMA_CHANGED", "table " + this.name + " has no column " + name + " any more");
      }
      return c;
    }
  }

  private TargetSchema() {}

  /** Reads {@code tables} of {@code database}; a missing table is a {@link MigrationException}. */
  static Map<String, Table> read(Connection c, String database, List<String> tables)
      throws SQLException {
    DatabaseMetaData meta = c.getMetaData();
    Map<String, Table> result = new LinkedHashMap<>();
    for (String name : tables) {
      Map<String, Column> columns = new LinkedHashMap<>();
      try (var rs = meta.getColumns(database, null, name, "%")) {
        while (rs.next()) {
          columns.put(
              rs.getString("COLUMN_NAME"),
              new Column(
                  rs.getString("COLUMN_NAME"),
                  rs.getInt("DATA_TYPE"),
                  rs.getString("TYPE_NAME"),
                  "YES".equals(rs.getString("IS_NULLABLE")),
                  "YES".equals(rs.getString("IS_AUTOINCREMENT")),
                  rs.getInt("COLUMN_SIZE")));
        }
      }
      if (columns.isEmpty()) {
        throw new MigrationException(
            "TARGET_SCHEMA_CHANGED", "table " + name + " is not in database " + database);
      }
      var pk = new TreeMap<Integer, String>();
      try (var rs = meta.getPrimaryKeys(database, null, name)) {
        while (rs.next()) {
          pk.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
        }
      }
      Map<String, TreeMap<Integer, String>> unique = new LinkedHashMap<>();
      try (var rs = meta.getIndexInfo(database, null, name, true, false)) {
        while (rs.next()) {
          String index = rs.getString("INDEX_NAME");
          if (index == null || "PRIMARY".equalsIgnoreCase(index) || rs.getBoolean("NON_UNIQUE")) {
            continue;
          }
          unique
              .computeIfAbsent(index, k -> new TreeMap<>())
              .put(rs.getInt("ORDINAL_POSITION"), rs.getString("COLUMN_NAME"));
        }
      }
      Map<String, List<String>> uniqueKeys = new LinkedHashMap<>();
      unique.forEach((k, v) -> uniqueKeys.put(k, new ArrayList<>(v.values())));
      result.put(name, new Table(name, columns, List.copyOf(pk.values()), uniqueKeys));
    }
    return result;
  }
}
