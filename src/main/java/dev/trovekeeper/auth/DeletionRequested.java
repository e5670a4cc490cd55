package dev.trovekeeper.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * A deletion waiting for the owner's confirmation; the link went to {@code sentTo} (masked). For a
 * dataset, {@code datasetId} names it and {@code artifactIds} is empty.
 */
public record DeletionRequested(
    String projectId,
    List<String> artifactIds,
    String sentTo,
    Instant expiresAt,
    @JsonInclude(JsonInclude.Include.NON_NULL) String datasetId) {}
