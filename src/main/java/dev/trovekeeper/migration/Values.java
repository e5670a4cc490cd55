package dev.trovekeeper.migration;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trovekeeper.source.sql.SqlValues;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/**
 * A value of the archive (as the SQL source wrote it: numbers, decimals as text, ISO-8601 dates,
 * TIMESTAMP as an instant, binary as base64) bound to a statement as the target column's type, and
 * a key column read back as the same text the archive holds.
 */
final class Values {

  private Values() {}

  static void bind(PreparedStatement ps, int index, TargetSchema.Column column, JsonNode value)
      throws SQLException {
    SqlValues.bind(ps, index, column.jdbcType(), column.typeName(), value);
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
