package dev.trovekeeper.auth;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The port a confirmed deletion goes through. The backup (run/retention) feature provides the real
 * one; until then {@link ArtifactStatusDeleter} marks the artifacts {@code DELETING}.
 */
public interface BackupDeleter {

  /** The project of each of these artifacts that exists and is not deleted; others are absent. */
  Map<Long, String> projectsOf(Collection<Long> artifactIds);

  /**
   * Starts deleting the artifacts of {@code projectId}; called inside the transaction that uses the
   * confirmation, so a failure leaves the link usable.
   */
  void delete(String projectId, List<Long> artifactIds);
}
