package dev.trovekeeper.archive;

import dev.trovekeeper.storage.ObjectInfo;
import dev.trovekeeper.storage.ObjectKey;
import dev.trovekeeper.storage.ObjectStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Deletes media no backup references, in the only safe order: mark the row DELETING (dedup then
 * ignores it and uploads again), wait {@link ArchiveSettings#mediaGcGrace()} (longer than the
 * longest backup), then under the row lock check the references again, delete the object, and only
 * then the row. {@link MediaStore} takes the same row lock before it trusts an object, so a backup
 * racing the collector either keeps the object alive or uploads it again.
 */
public class MediaGarbageCollector {

  private static final Logger LOG = Logger.getLogger(MediaGarbageCollector.class);

  /** Rows one {@link #mark} or {@link #sweep} looks at, at most. */
  public static final int BATCH = 500;

  private final ObjectStore store;
  private final Sql sql;
  private final ArchiveSettings settings;
  private final Clock clock;

  public MediaGarbageCollector(
      ObjectStore store, DataSource dataSource, ArchiveSettings settings, Clock clock) {
    this.store = store;
    this.sql = new Sql(dataSource);
    this.settings = settings;
    this.clock = clock;
  }

  /** What one pass did. */
  public record Pass(int marked, int deleted, int revived) {}

  /** One full pass: sweep what is due, mark what is unreferenced now. */
  public Pass collect() {
    int[] swept = sweep();
    int marked = mark();
    return new Pass(marked, swept[0], swept[1]);
  }

  /** Marks PRESENT rows without references DELETING; returns how many. */
  public int mark() {
    int marked = 0;
    for (String[] row :
        candidates(
            "SELECT project_id, sha256 FROM media_objects m WHERE status = 'PRESENT' AND NOT"
                + " EXISTS (SELECT 1 FROM media_references r WHERE r.project_id = m.project_id"
                + " AND r.sha256 = m.sha256) LIMIT "
                + BATCH,
            null)) {
      boolean done =
          sql.inTransaction(
              c -> {
                if (!"PRESENT".equals(MediaStore.lockStatus(c, row[0], row[1]).orElse(null))
                    || referenced(c, row[0], row[1])) {
                  return false;
                }
                return update(
                    c,
                    "UPDATE media_objects SET status = 'DELETING', deleting_since = ?"
                        + " WHERE project_id = ? AND sha256 = ?",
                    row,
                    clock.instant());
              });
      marked += done ? 1 : 0;
    }
    return marked;
  }

  /**
   * Deletes objects marked DELETING longer than the grace period and still unreferenced, object
   * first, then row; rows referenced again go back to PRESENT. Returns {deleted, revived}.
   */
  public int[] sweep() {
    Instant cutoff = clock.instant().minus(settings.mediaGcGrace());
    int deleted = 0;
    int revived = 0;
    for (String[] row :
        candidates(
            "SELECT project_id, sha256 FROM media_objects WHERE status = 'DELETING'"
                + " AND deleting_since <= ? LIMIT "
                + BATCH,
            cutoff)) {
      Outcome outcome;
      try {
        outcome = sql.inTransaction(c -> sweepOne(c, row, cutoff));
      } catch (RuntimeException e) {
        LOG.warnf("media %s/%s not collected now: %s", row[0], row[1], e.getMessage());
        continue;
      }
      deleted += outcome == Outcome.DELETED ? 1 : 0;
      revived += outcome == Outcome.REVIVED ? 1 : 0;
    }
    return new int[] {deleted, revived};
  }

  /**
   * Takes media objects in the store that have no row (left by a crash between upload and
   * bookkeeping) and are older than the grace period into the protocol as DELETING rows, so they
   * are collected by a later {@link #sweep} under the same lock as everything else.
   */
  public int adoptUntracked() {
    Instant cutoff = clock.instant().minus(settings.mediaGcGrace());
    List<ObjectInfo> old;
    try (Stream<ObjectInfo> listing = store.list(ArchiveKeys.MEDIA)) {
      old = listing.filter(o -> o.lastModified().isBefore(cutoff)).toList();
    }
    int adopted = 0;
    for (ObjectInfo object : old) {
      Optional<String[]> media = ArchiveKeys.mediaOf(object.key());
      if (media.isEmpty()) {
        continue;
      }
      String[] row = media.get();
      adopted +=
          sql.inTransaction(
              c -> {
                try (PreparedStatement s =
                    c.prepareStatement(
                        "INSERT IGNORE INTO media_objects (sha256, project_id, size_bytes,"
                            + " object_key, status, deleting_since, created_at)"
                            + " VALUES (?, ?, ?, ?, 'DELETING', ?, ?)")) {
                  s.setString(1, row[1]);
                  s.setString(2, row[0]);
                  s.setLong(3, object.size());
                  s.setString(4, object.key().value());
                  s.setTimestamp(5, Sql.utc(clock.instant()));
                  s.setTimestamp(6, Sql.utc(clock.instant()));
                  return s.executeUpdate();
                }
              });
    }
    return adopted;
  }

  private enum Outcome {
    DELETED,
    REVIVED,
    SKIPPED
  }

  private Outcome sweepOne(Connection c, String[] row, Instant cutoff) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT status, deleting_since, object_key FROM media_objects"
                + " WHERE project_id = ? AND sha256 = ? FOR UPDATE")) {
      s.setString(1, row[0]);
      s.setString(2, row[1]);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()
            || !"DELETING".equals(r.getString(1))
            || r.getTimestamp(2).after(Sql.utc(cutoff))) {
          return Outcome.SKIPPED;
        }
        if (referenced(c, row[0], row[1])) {
          update(
              c,
              "UPDATE media_objects SET status = 'PRESENT', deleting_since = NULL"
                  + " WHERE project_id = ? AND sha256 = ?",
              row,
              null);
          return Outcome.REVIVED;
        }
        // the object first: a row without object would be trusted by dedup, never the reverse
        store.delete(ObjectKey.of(r.getString(3)));
      }
    }
    update(c, "DELETE FROM media_objects WHERE project_id = ? AND sha256 = ?", row, null);
    return Outcome.DELETED;
  }

  private static boolean referenced(Connection c, String projectId, String sha256)
      throws SQLException {
    // a locking read sees every committed reference, not the transaction's snapshot
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT 1 FROM media_references WHERE project_id = ? AND sha256 = ? LIMIT 1"
                + " LOCK IN SHARE MODE")) {
      s.setString(1, projectId);
      s.setString(2, sha256);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }

  private static boolean update(Connection c, String statement, String[] row, Instant first)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(statement)) {
      int i = 1;
      if (first != null) {
        s.setTimestamp(i++, Sql.utc(first));
      }
      s.setString(i++, row[0]);
      s.setString(i, row[1]);
      return s.executeUpdate() == 1;
    }
  }

  private List<String[]> candidates(String query, Instant parameter) {
    return sql.inTransaction(
        c -> {
          List<String[]> rows = new ArrayList<>();
          try (PreparedStatement s = c.prepareStatement(query)) {
            if (parameter != null) {
              s.setTimestamp(1, Sql.utc(parameter));
            }
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                rows.add(new String[] {r.getString(1), r.getString(2)});
              }
            }
          }
          return rows;
        });
  }
}
