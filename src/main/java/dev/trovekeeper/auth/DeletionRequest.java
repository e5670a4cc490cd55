package dev.trovekeeper.auth;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Body of {@code POST /v1/deletions}: the backups (artifact ids) to delete. */
public record DeletionRequest(
    @NotNull @Size(min = 1, max = DeletionRequest.MAX_IDS)
        List<@NotNull @Positive Long> artifactIds) {

  /** Fits the confirmation row's column (comma-separated ids). */
  static final int MAX_IDS = 100;
}
