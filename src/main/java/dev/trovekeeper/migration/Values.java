package dev.trovekeeper.migration;

import com.fasterxml.jackson.databind.JsonNode;
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
 * A value of the archive (as the SQL source wrote it: numbers, decimals as text, ISO-8601 dates,
 * TIMESTAMP as an instant, binary as base64) bound to a statement as the target column's type, and
 * a key column read back as the same text the archive holds.
 */
final class Values {

  private Values() {}

  static void bind(PreparedStatement ps, int index, TargetSchema.Column column, JsonNode value)
      throws SQLException {
    if (value == null || value.isNull() || value.isMissingNode()) {
      ps.setNull(index, column.jdbcType());
      return;
    }
    String text = value.asText();
    switch (column.jdbcType()) {
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
        if ("TIMESTAMP".equalsIgnoreCase(column.typeName())) {
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

  /** A key column of a result as text, as the archive writes it (integers without a scale). */
  static String keyText(ResultSet rs, int index, TargetSchema.Column column) throws SQLException {
    return switch (column.jdbcType()) {
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> {
        BigDecimal v = rs.getBigDecimal(index);
        yield v == null ? null : v.toBigInteger().toString();
      }
      default -> rs.getString(index);
    };
  }

  /** Whether values of the column can be generated as the next number. */
  static boolean integer(TargetSchema.Column column) {
    return switch (column.jdbcType()) {
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> true;
      default -> false;
    };
  }

  /** Whether the column holds text long enough for a UUID. */
  static boolean uuidText(TargetSchema.Column column) {
    return (column.jdbcType() == Types.CHAR || column.jdbcType() == Types.VARCHAR)
        && column.size() >= 36;
  }
}
