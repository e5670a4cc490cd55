package dev.trovekeeper.auth;

import java.time.Instant;
import java.util.List;

/**
 * What a confirmation link would delete, shown before anything happens: the link is only a {@code
 * GET}, so that mail scanners opening it delete nothing; confirming is a {@code POST} of the token.
 *
 * @param backups the backups, as the project's tenants see them
 * @param confirm how to confirm: {@code POST} this path with the token in the body
 */
public record DeletionReview(
    String projectId,
    List<BackupDeleter.Described> backups,
    String requester,
    Instant expiresAt,
    String confirm) {

  public DeletionReview {
    backups = List.copyOf(backups);
  }
}
