package dev.trovekeeper.auth;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The port a confirmed deletion goes through. The backup (run/retention) feature provides the real
 * one; until then {@link ArtifactStatusDeleter} marks the artifacts {@code DELETING}.
 */
public interface BackupDeleter {

  /** A backup as the owner reviewing a deletion sees it; {@code id} is its public id. */
  record Described(String id, String troveBackupId, String type, Instant createdAt) {}

  /** The backups among {@code publicIds} that belong to {@code projectId}, oldest first. */
  List<Described> describe(String projectId, Collection<String> publicIds);

  /** The project of each of these backups that exists and is not deleted; others are absent. */
  Map<String, String> projectsOf(Collection<String> publicIds);

  /**
   * Starts deleting the artifacts of {@code projectId}; called inside the transaction that uses the
   * confirmation, so a failure leaves the link usable.
   */
  void delete(String projectId, List<String> publicIds);
}
