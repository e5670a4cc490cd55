package dev.trovekeeper.auth;

import java.time.Instant;
import java.util.List;

/**
 * What a deletion-confirmation token binds: who asked to delete which backups (their public ids) of
 * which project, or, with {@code datasetId}, the dataset itself (then {@code artifactIds} is
 * empty).
 */
public record ConfirmationClaims(
    String nonce,
    String projectId,
    List<String> artifactIds,
    String requester,
    Instant expiresAt,
    String datasetId) {

  public ConfirmationClaims {
    artifactIds = List.copyOf(artifactIds);
  }
}
