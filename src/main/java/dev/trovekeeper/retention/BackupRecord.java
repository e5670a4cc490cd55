package dev.trovekeeper.retention;

import java.time.Instant;
import java.util.Objects;

/**
 * One backup of a target, as retention needs it.
 *
 * @param id the Trove backup id (or archive id); unique within one decision
 * @param parentId the parent of an incremental, null for a full; a parent that is not among the
 *     decided backups makes this an orphan, treated like a full
 * @param createdAt when the backup was created (Trove's {@code created}, UTC)
 * @param state the retention state, see {@link BackupState#fromTrove(String)}
 */
public record BackupRecord(String id, String parentId, Instant createdAt, BackupState state) {

  /** Rejects a missing or blank id, a missing creation time or state. */
  public BackupRecord {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("backup id must not be blank");
    }
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(state, "state");
  }

  /** A full backup (no parent). */
  public static BackupRecord full(String id, Instant createdAt, BackupState state) {
    return new BackupRecord(id, null, createdAt, state);
  }

  /** An incremental backup on top of {@code parentId}. */
  public static BackupRecord incremental(
      String id, String parentId, Instant createdAt, BackupState state) {
    return new BackupRecord(id, Objects.requireNonNull(parentId, "parentId"), createdAt, state);
  }
}
