package dev.trovekeeper.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * What a confirmation link would delete, shown before anything happens: the link is only a {@code
 * GET}, so that mail scanners opening it delete nothing; confirming is a {@code POST} of the token.
 *
 * @param backups the backups, as the project's tenants see them
 * @param confirm how to confirm: {@code POST} this path with the token in the body
 * @param dataset the dataset a dataset deletion would delete (absent for backups)
 */
public record DeletionReview(
    String projectId,
    List<BackupDeleter.Described> backups,
    String requester,
    Instant expiresAt,
    String confirm,
    @JsonInclude(JsonInclude.Include.NON_NULL) DatasetDeleter.Described dataset) {

  public DeletionReview {
    backups = List.copyOf(backups);
  }
}
