package dev.trovekeeper.source.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Base64;

/**
 * A column value as JSON, lossless and readable without the database: integers and floats as
 * numbers, decimals as strings (no binary rounding), dates and times ISO-8601 (TIMESTAMP as an
 * instant in UTC), binary as base64, booleans as booleans, everything else as text.
 */
public final class SqlValues {

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

  /**
   * Binds a value as the archive holds it (numbers, decimals as text, ISO-8601 dates, TIMESTAMP as
   * an instant, binary as base64) to a statement as the column's type: the inverse of {@link
   * #read}. Used to write archived rows back (a restore, a migration).
   */
  public static void bind(
      PreparedStatement ps, int index, int jdbcType, String typeName, JsonNode value)
      throws SQLException {
    if (value == null || value.isNull() || value.isMissingNode()) {
      ps.setNull(index, jdbcType);
      return;
    }
    String text = value.asText();
    switch (jdbcType) {
      case Types.BIT, Types.BOOLEAN ->
          ps.setBoolean(
              index,
              value.isBoolean() ? value.booleanValue() : "1".equals(text) || "true".equals(text));
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> {
        BigInteger n = new BigInteger(text);
        if (n.bitLength() < 64) {
          ps.setLong(index, n.longValue());
        } else {
          ps.setBigDecimal(index, new BigDecimal(n));
        }
      }
      case Types.REAL, Types.FLOAT, Types.DOUBLE -> ps.setDouble(index, value.asDouble());
      case Types.DECIMAL, Types.NUMERIC -> ps.setBigDecimal(index, new BigDecimal(text));
      case Types.DATE -> ps.setObject(index, LocalDate.parse(text));
      case Types.TIME -> ps.setObject(index, LocalTime.parse(text));
      case Types.TIMESTAMP -> {
        if ("TIMESTAMP".equalsIgnoreCase(typeName)) {
          ps.setTimestamp(index, Timestamp.from(Instant.parse(text)));
        } else {
          ps.setObject(index, LocalDateTime.parse(text));
        }
      }
      case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB ->
          ps.setBytes(index, Base64.getDecoder().decode(text));
      default -> ps.setString(index, text);
    }
  }
}
