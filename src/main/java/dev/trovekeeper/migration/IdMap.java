package dev.trovekeeper.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The id map of one migration scope (project, source database, source tenant, target tenant), kept
 * in the service's database: a source row's key (without the tenant column) to the target row's
 * key. Plain JDBC in short autocommit statements, {@link #CHUNK} keys per query. A scope of 0 is
 * the empty map of a scope that does not exist yet (a plan writes nothing).
 */
final class IdMap {

  /** Keys per {@code IN} list. */
  static final int CHUNK = 500;

  /**
   * One entry.
   *
   * @param targetKey the target row's key; null while its insert is in flight
   * @param runId the run that wrote the entry last
   * @param linked the target row is the target tenant's own (a natural-key collision): referenced,
   *     never written
   */
  record Entry(String targetKey, long runId, boolean linked) {}

  private final DataSource dataSource;
  private final long scopeId;
  private final Clock clock;

  IdMap(DataSource dataSource, long scopeId, Clock clock) {
    this.dataSource = dataSource;
    this.scopeId = scopeId;
    this.clock = clock;
  }

  /** The entries of {@code sourceKeys} that exist (pending ones with a null target key). */
  Map<String, Entry> get(String entity, Collection<String> sourceKeys) throws SQLException {
    Map<String, Entry> found = new HashMap<>();
    if (scopeId == 0 || sourceKeys.isEmpty()) {
      return found;
    }
    List<String> keys = new ArrayList<>(new LinkedHashSet<>(sourceKeys));
    try (Connection c = dataSource.getConnection()) {
      for (int from = 0; from < keys.size(); from += CHUNK) {
        List<String> chunk = keys.subList(from, Math.min(keys.size(), from + CHUNK));
        String sql =
            "SELECT source_key, target_key, run_id, linked FROM migration_id_map"
                + " WHERE scope_id = ? AND entity = ? AND source_key IN ("
                + "?,".repeat(chunk.size() - 1)
                + "?)";
        try (var ps = c.prepareStatement(sql)) {
          ps.setLong(1, scopeId);
          ps.setString(2, entity);
          for (int i = 0; i < chunk.size(); i++) {
            ps.setString(3 + i, chunk.get(i));
          }
          try (var rs = ps.executeQuery()) {
            while (rs.next()) {
              found.put(
                  rs.getString(1), new Entry(rs.getString(2), rs.getLong(3), rs.getBoolean(4)));
            }
          }
        }
      }
    }
    return found;
  }

  /**
   * Records the keys as in flight (target unknown), before their rows are inserted; entries that
   * exist keep their target.
   */
  void pending(String entity, Collection<String> sourceKeys, long runId) throws SQLException {
    write(
        entity,
        sourceKeys.stream().map(k -> Map.entry(k, "")).toList(),
        runId,
        "INSERT INTO migration_id_map (scope_id, entity, source_key, target_key, run_id,"
            + " updated_at) VALUES (?, ?, ?, NULL, ?, ?)"
            + " ON DUPLICATE KEY UPDATE run_id = VALUES(run_id), updated_at = VALUES(updated_at)");
  }

  /**
   * Records where the source rows went (one transaction); {@code linked}: to rows the target tenant
   * had already (natural-key collisions).
   */
  void put(String entity, Map<String, String> sourceToTarget, long runId, boolean linked)
      throws SQLException {
    write(
        entity,
        new ArrayList<>(sourceToTarget.entrySet()),
        runId,
        "INSERT INTO migration_id_map (scope_id, entity, source_key, target_key, run_id,"
            + " updated_at, linked) VALUES (?, ?, ?, ?, ?, ?, "
            + linked
            + ") ON DUPLICATE KEY UPDATE target_key = VALUES(target_key), run_id = VALUES(run_id),"
            + " updated_at = VALUES(updated_at), linked = VALUES(linked)");
  }

  private void write(String entity, List<Map.Entry<String, String>> entries, long runId, String sql)
      throws SQLException {
    if (entries.isEmpty()) {
      return;
    }
    boolean pending = !sql.contains("target_key = VALUES");
    Timestamp now = Timestamp.from(clock.instant());
    try (Connection c = dataSource.getConnection()) {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try (var ps = c.prepareStatement(sql)) {
        for (var e : entries) {
          int i = 1;
          ps.setLong(i++, scopeId);
          ps.setString(i++, entity);
          ps.setString(i++, e.getKey());
          if (!pending) {
            ps.setString(i++, e.getValue());
          }
          ps.setLong(i++, runId);
          ps.setTimestamp(i, now);
          ps.addBatch();
        }
        ps.executeBatch();
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(auto);
      }
    }
  }

  /** Whether some source row of {@code entity} is mapped to {@code targetKey} already. */
  boolean targetTaken(String entity, String targetKey) throws SQLException {
    if (scopeId == 0) {
      return false;
    }
    try (Connection c = dataSource.getConnection();
        var ps =
            c.prepareStatement(
                "SELECT 1 FROM migration_id_map WHERE scope_id = ? AND entity = ?"
                    + " AND target_key = ? LIMIT 1")) {
      ps.setLong(1, scopeId);
      ps.setString(2, entity);
      ps.setString(3, targetKey);
      try (var rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }
}
