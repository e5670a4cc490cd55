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

  /** A backup as the owner reviewing a deletion sees it. */
  record Described(long id, String troveBackupId, String type, Instant createdAt) {}

  /** The backups among {@code artifactIds} that belong to {@code projectId}, oldest first. */
  List<Described> describe(String projectId, Collection<Long> artifactIds);

  /** The project of each of these artifacts that exists and is not deleted; others are absent. */
  Map<Long, String> projectsOf(Collection<Long> artifactIds);

  /**
   * Starts deleting the artifacts of {@code projectId}; called inside the transaction that uses the
   * confirmation, so a failure leaves the link usable.
   */
  void delete(String projectId, List<Long> artifactIds);
}
