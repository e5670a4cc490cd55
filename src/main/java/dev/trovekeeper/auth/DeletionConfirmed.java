package dev.trovekeeper.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A confirmed deletion: these backups of the project (or, with {@code datasetId}, that dataset) are
 * being deleted, as {@code requester} asked.
 */
public record DeletionConfirmed(
    String projectId,
    List<String> artifactIds,
    String requester,
    @JsonInclude(JsonInclude.Include.NON_NULL) String datasetId) {}
