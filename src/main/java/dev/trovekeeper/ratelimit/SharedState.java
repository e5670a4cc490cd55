package dev.trovekeeper.ratelimit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * The adaptive part of a source's limit, shared by every replica in {@code source_rate_limits}: the
 * current limit (between 1 and the configured ceiling), its version (Bucket4j replaces the bucket's
 * configuration when it grows), the run of successes since the last change, when it was last
 * decreased and until when every request waits (Retry-After).
 */
final class SharedState {

  /** One row. Times are epoch milliseconds. */
  record Row(
      int ceiling,
      long windowMillis,
      int current,
      long version,
      int successes,
      long decreasedAt,
      long pausedUntil) {}

  private static final String COLUMNS =
      "ceiling, window_ms, current_limit, config_version, successes, decreased_at_ms,"
          + " paused_until_ms";

  private final DataSource dataSource;

  SharedState(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Creates the row if missing; a changed configured limit resets the current limit to it. */
  Row ensure(String key, RateLimit limit) {
    try (var c = dataSource.getConnection()) {
      try (var s =
          c.prepareStatement(
              "INSERT IGNORE INTO source_rate_limits (bucket_key, "
                  + COLUMNS
                  + ") VALUES (?, ?, ?, ?, 1, 0, 0, 0)")) {
        s.setString(1, key);
        s.setInt(2, limit.requests());
        s.setLong(3, limit.window().toMillis());
        s.setInt(4, limit.requests());
        s.executeUpdate();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot store the rate limit of " + key, e);
    }
    return update(
        key,
        r ->
            r.ceiling() == limit.requests() && r.windowMillis() == limit.window().toMillis()
                ? r
                : new Row(
                    limit.requests(),
                    limit.window().toMillis(),
                    limit.requests(),
                    r.version() + 1,
                    0,
                    r.decreasedAt(),
                    r.pausedUntil()));
  }

  Row read(String key) {
    try (var c = dataSource.getConnection();
        var s =
            c.prepareStatement(
                "SELECT " + COLUMNS + " FROM source_rate_limits WHERE bucket_key = ?")) {
      s.setString(1, key);
      try (var rs = s.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException("no rate limit row for " + key);
        }
        return row(rs);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the rate limit of " + key, e);
    }
  }

  /** Reads the row under a lock, applies {@code change} and writes it back when it changed. */
  Row update(String key, UnaryOperator<Row> change) {
    try (var c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        var before = lock(c, key);
        var after = change.apply(before);
        if (!after.equals(before)) {
          write(c, key, after);
        }
        c.commit();
        return after;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot update the rate limit of " + key, e);
    }
  }

  private static Row lock(Connection c, String key) throws SQLException {
    try (var s =
        c.prepareStatement(
            "SELECT " + COLUMNS + " FROM source_rate_limits WHERE bucket_key = ? FOR UPDATE")) {
      s.setString(1, key);
      try (var rs = s.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException("no rate limit row for " + key);
        }
        return row(rs);
      }
    }
  }

  private static void write(Connection c, String key, Row r) throws SQLException {
    try (var s =
        c.prepareStatement(
            "UPDATE source_rate_limits SET ceiling = ?, window_ms = ?, current_limit = ?,"
                + " config_version = ?, successes = ?, decreased_at_ms = ?, paused_until_ms = ?"
                + " WHERE bucket_key = ?")) {
      s.setInt(1, r.ceiling());
      s.setLong(2, r.windowMillis());
      s.setInt(3, r.current());
      s.setLong(4, r.version());
      s.setInt(5, r.successes());
      s.setLong(6, r.decreasedAt());
      s.setLong(7, r.pausedUntil());
      s.setString(8, key);
      s.executeUpdate();
    }
  }

  private static Row row(ResultSet rs) throws SQLException {
    return new Row(
        rs.getInt(1),
        rs.getLong(2),
        rs.getInt(3),
        rs.getLong(4),
        rs.getInt(5),
        rs.getLong(6),
        rs.getLong(7));
  }
}
