package dev.trovekeeper.console;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@code console_sessions} table (V190) and the used hand-off links (V210), plain JDBC: one
 * primary-key statement per call, each committed on its own (or part of the caller's transaction
 * when there is one).
 */
class ConsoleSessionTable {

  /** One stored session; {@code keystoneToken} is the encrypted value, or null. */
  record Row(
      String key,
      String userId,
      String userName,
      String projectId,
      String roles,
      boolean operator,
      String csrf,
      byte[] keystoneToken,
      String projects,
      boolean handedOff,
      Instant endsAt,
      Instant touchedAt,
      Instant expiresAt) {}

  private static final String COLUMNS =
      "id_sha256, user_id, user_name, project_id, roles, operator, csrf, keystone_token,"
          + " projects, handed_off, ends_at, touched_at, expires_at";

  private final DataSource dataSource;

  ConsoleSessionTable(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  void insert(Row row) {
    update(
        "INSERT INTO console_sessions (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        s -> {
          s.setString(1, row.key());
          s.setString(2, row.userId());
          s.setString(3, row.userName());
          s.setString(4, row.projectId());
          s.setString(5, row.roles());
          s.setBoolean(6, row.operator());
          s.setString(7, row.csrf());
          if (row.keystoneToken() == null) {
            s.setNull(8, Types.BLOB);
          } else {
            s.setBytes(8, row.keystoneToken());
          }
          s.setString(9, row.projects());
          s.setBoolean(10, row.handedOff());
          s.setObject(11, utc(row.endsAt()));
          s.setObject(12, utc(row.touchedAt()));
          s.setObject(13, utc(row.expiresAt()));
        });
  }

  Optional<Row> find(String key) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT " + COLUMNS + " FROM console_sessions WHERE id_sha256 = ?")) {
      s.setString(1, key);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new Row(
                r.getString(1),
                r.getString(2),
                r.getString(3),
                r.getString(4),
                r.getString(5),
                r.getBoolean(6),
                r.getString(7),
                r.getBytes(8),
                r.getString(9),
                r.getBoolean(10),
                instant(r, 11),
                instant(r, 12),
                instant(r, 13)));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read console session", e);
    }
  }

  /** Records a use: the session now expires at {@code expiresAt}. */
  void touch(String key, Instant touchedAt, Instant expiresAt) {
    update(
        "UPDATE console_sessions SET touched_at = ?, expires_at = ? WHERE id_sha256 = ?",
        s -> {
          s.setObject(1, utc(touchedAt));
          s.setObject(2, utc(expiresAt));
          s.setString(3, key);
        });
  }

  void delete(String key) {
    update("DELETE FROM console_sessions WHERE id_sha256 = ?", s -> s.setString(1, key));
  }

  /** Deletes at most {@code limit} sessions expired before {@code now}; returns how many. */
  int deleteExpired(Instant now, int limit) {
    return update(
        "DELETE FROM console_sessions WHERE expires_at <= ? LIMIT ?",
        s -> {
          s.setObject(1, utc(now));
          s.setInt(2, limit);
        });
  }

  /**
   * Records the first use of a hand-off link ({@code console_used_handoffs}, V210); false when any
   * replica recorded it before. One statement: the primary key decides between replicas.
   */
  boolean markHandoffUsed(String key, Instant usedAt, Instant forgetAt) {
    return update(
            "INSERT IGNORE INTO console_used_handoffs (sig_sha256, used_at, forget_at)"
                + " VALUES (?, ?, ?)",
            s -> {
              s.setString(1, key);
              s.setObject(2, utc(usedAt));
              s.setObject(3, utc(forgetAt));
            })
        == 1;
  }

  /** Forgets at most {@code limit} used hand-off links that expired before {@code now}. */
  int deleteForgottenHandoffs(Instant now, int limit) {
    return update(
        "DELETE FROM console_used_handoffs WHERE forget_at <= ? LIMIT ?",
        s -> {
          s.setObject(1, utc(now));
          s.setInt(2, limit);
        });
  }

  private interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  private int update(String sql, Binder binder) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      binder.bind(s);
      return s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot write console session", e);
    }
  }

  private static LocalDateTime utc(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet r, int column) throws SQLException {
    return r.getObject(column, LocalDateTime.class).toInstant(ZoneOffset.UTC);
  }
}
