package dev.trovekeeper.source.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Base64;

/**
 * A column value as JSON, lossless and readable without the database: integers and floats as
 * numbers, decimals as strings (no binary rounding), dates and times ISO-8601 (TIMESTAMP as an
 * instant in UTC), binary as base64, booleans as booleans, everything else as text.
 */
final class SqlValues {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private SqlValues() {}

  static JsonNode read(ResultSet rs, int column, int jdbcType, String typeName)
      throws SQLException {
    JsonNode value =
        switch (jdbcType) {
          case Types.BIT, Types.BOOLEAN -> bool(rs, column);
          case Types.TINYINT, Types.SMALLINT, Types.INTEGER -> number(rs.getLong(column));
          case Types.BIGINT -> bigint(rs, column);
          case Types.REAL, Types.FLOAT, Types.DOUBLE -> NODES.numberNode(rs.getDouble(column));
          case Types.DECIMAL, Types.NUMERIC -> decimal(rs, column);
          case Types.DATE -> text(rs.getObject(column, LocalDate.class));
          case Types.TIME -> text(rs.getObject(column, LocalTime.class));
          case Types.TIMESTAMP ->
              "TIMESTAMP".equalsIgnoreCase(typeName)
                  ? instant(rs, column)
                  : text(rs.getObject(column, LocalDateTime.class));
          case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> binary(rs, column);
          default -> text(rs.getString(column));
        };
    return rs.wasNull() ? NODES.nullNode() : value;
  }

  private static JsonNode bool(ResultSet rs, int column) throws SQLException {
    return NODES.booleanNode(rs.getBoolean(column));
  }

  private static JsonNode number(long v) {
    return NODES.numberNode(v);
  }

  private static JsonNode bigint(ResultSet rs, int column) throws SQLException {
    var v = rs.getBigDecimal(column);
    return v == null ? NODES.nullNode() : NODES.numberNode(v.toBigInteger());
  }

  private static JsonNode decimal(ResultSet rs, int column) throws SQLException {
    var v = rs.getBigDecimal(column);
    return v == null ? NODES.nullNode() : NODES.textNode(v.toPlainString());
  }

  private static JsonNode instant(ResultSet rs, int column) throws SQLException {
    var v = rs.getTimestamp(column);
    return v == null ? NODES.nullNode() : NODES.textNode(v.toInstant().toString());
  }

  private static JsonNode binary(ResultSet rs, int column) throws SQLException {
    var v = rs.getBytes(column);
    return v == null ? NODES.nullNode() : NODES.textNode(Base64.getEncoder().encodeToString(v));
  }

  private static JsonNode text(Object v) {
    return v == null ? NODES.nullNode() : NODES.textNode(v.toString());
  }
}
