package dev.trovekeeper.archive;

import dev.trovekeeper.storage.ObjectInfo;
import dev.trovekeeper.storage.ObjectKey;
import dev.trovekeeper.storage.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Media (images, files) stored once per project under their SHA-256 and referenced per backup. A
 * backup of unchanged media uploads nothing. The content is staged in a temporary file while it is
 * hashed, never held whole in memory.
 *
 * <p>Protocol with {@link MediaGarbageCollector} (both lock the {@code media_objects} row):
 *
 * <ol>
 *   <li>Under the row lock: a PRESENT row gets this backup's reference; done, nothing uploaded.
 *   <li>Otherwise (no row, or DELETING: dedup ignores it) upload the object, without a lock.
 *   <li>Under the row lock: check that the object is there (the collector deletes objects only
 *       under that lock), mark the row PRESENT and add the reference. If the collector deleted it
 *       in between, upload again.
 * </ol>
 *
 * Not to be called inside a JTA transaction: each step commits on its own.
 */
public class MediaStore {

  private static final int MAX_UPLOADS = 5;

  private final ObjectStore store;
  private final Sql sql;
  private final ArchiveSettings settings;
  private final Clock clock;
  private final AtomicLong uploadedBytes = new AtomicLong();

  public MediaStore(
      ObjectStore store, DataSource dataSource, ArchiveSettings settings, Clock clock) {
    this.store = store;
    this.sql = new Sql(dataSource);
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * Stores {@code content} for {@code projectId} unless an identical object is already there, and
   * records that backup {@code backupId} references it. The stream is read to its end, not closed.
   */
  public MediaRef store(String projectId, UUID backupId, InputStream content, String contentType) {
    ArchiveKeys.requireProjectId(projectId);
    try (StagedFile staged = StagedFile.create(settings.tempDir(), "media-")) {
      Sha256.Hashed hashed;
      try (OutputStream file = Files.newOutputStream(staged.path())) {
        hashed = Sha256.copy(content, file);
      } catch (IOException e) {
        throw new UncheckedIOException("reading media content failed", e);
      }
      ObjectKey key = ArchiveKeys.media(projectId, hashed.sha256());
      if (referenceIfPresent(projectId, hashed.sha256(), backupId)) {
        return new MediaRef(hashed.sha256(), hashed.size(), key, false);
      }
      for (int upload = 1; upload <= MAX_UPLOADS; upload++) {
        staged.upload(store, key, hashed.size(), contentType, settings.uploadAttempts());
        uploadedBytes.addAndGet(hashed.size());
        if (commitUploaded(projectId, hashed, key, backupId)) {
          return new MediaRef(hashed.sha256(), hashed.size(), key, true);
        }
      }
      throw new IllegalStateException(
          "media " + key + " was deleted " + MAX_UPLOADS + " times while being stored");
    }
  }

  /** Drops every media reference of a backup (deleted, or never finished). */
  public int release(UUID backupId) {
    return sql.inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("DELETE FROM media_references WHERE backup_id = ?")) {
            s.setString(1, backupId.toString());
            return s.executeUpdate();
          }
        });
  }

  /** A backup holding media references: its project and backup id. */
  public record ReferencingBackup(String projectId, UUID backupId) {}

  /**
   * Up to {@code limit} backups whose newest media reference was added before {@code cutoff}, in
   * backup id order after {@code after} (null: from the start), so a caller can page through all.
   */
  public java.util.List<ReferencingBackup> backupsReferencingBefore(
      java.time.Instant cutoff, UUID after, int limit) {
    return sql.inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT backup_id, project_id FROM media_references WHERE backup_id > ?"
                      + " GROUP BY backup_id, project_id HAVING MAX(created_at) < ?"
                      + " ORDER BY backup_id LIMIT ?")) {
            s.setString(1, after == null ? "" : after.toString());
            s.setTimestamp(2, Sql.utc(cutoff));
            s.setInt(3, limit);
            java.util.List<ReferencingBackup> found = new java.util.ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                found.add(new ReferencingBackup(r.getString(2), UUID.fromString(r.getString(1))));
              }
            }
            return found;
          }
        });
  }

  /** Media bytes this store has uploaded since it was created (for metrics and benchmarks). */
  public long uploadedBytes() {
    return uploadedBytes.get();
  }

  private boolean referenceIfPresent(String projectId, String sha256, UUID backupId) {
    return sql.inTransaction(
        c -> {
          if (!"PRESENT".equals(lockStatus(c, projectId, sha256).orElse(null))) {
            return false;
          }
          addReference(c, projectId, sha256, backupId);
          return true;
        });
  }

  /** Step 3: false when the object vanished and must be uploaded again. */
  private boolean commitUploaded(
      String projectId, Sha256.Hashed hashed, ObjectKey key, UUID backupId) {
    while (true) {
      Boolean done =
          sql.inTransaction(
              c -> {
                Optional<String> status = lockStatus(c, projectId, hashed.sha256());
                Optional<ObjectInfo> object = store.stat(key);
                if (object.isEmpty() || object.get().size() != hashed.size()) {
                  return false;
                }
                if (status.isPresent()) {
                  markPresent(c, projectId, hashed.sha256());
                } else if (!insertPresent(c, projectId, hashed, key)) {
                  return null; // another backup inserted the row meanwhile: lock it and go on
                }
                addReference(c, projectId, hashed.sha256(), backupId);
                return true;
              });
      if (done != null) {
        return done;
      }
    }
  }

  static Optional<String> lockStatus(Connection c, String projectId, String sha256)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT status FROM media_objects WHERE project_id = ? AND sha256 = ? FOR UPDATE")) {
      s.setString(1, projectId);
      s.setString(2, sha256);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
      }
    }
  }

  private boolean insertPresent(Connection c, String projectId, Sha256.Hashed hashed, ObjectKey key)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT IGNORE INTO media_objects (sha256, project_id, size_bytes, object_key, status,"
                + " deleting_since, created_at) VALUES (?, ?, ?, ?, 'PRESENT', NULL, ?)")) {
      s.setString(1, hashed.sha256());
      s.setString(2, projectId);
      s.setLong(3, hashed.size());
      s.setString(4, key.value());
      s.setTimestamp(5, Sql.utc(clock.instant()));
      return s.executeUpdate() == 1;
    }
  }

  private static void markPresent(Connection c, String projectId, String sha256)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE media_objects SET status = 'PRESENT', deleting_since = NULL"
                + " WHERE project_id = ? AND sha256 = ?")) {
      s.setString(1, projectId);
      s.setString(2, sha256);
      s.executeUpdate();
    }
  }

  private void addReference(Connection c, String projectId, String sha256, UUID backupId)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT IGNORE INTO media_references (backup_id, project_id, sha256, created_at)"
                + " VALUES (?, ?, ?, ?)")) {
      s.setString(1, backupId.toString());
      s.setString(2, projectId);
      s.setString(3, sha256);
      s.setTimestamp(4, Sql.utc(clock.instant()));
      s.executeUpdate();
    }
  }
}
