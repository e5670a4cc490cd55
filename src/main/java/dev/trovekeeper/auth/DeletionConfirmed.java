package dev.trovekeeper.auth;

import java.util.List;

/**
 * A confirmed deletion: these backups of the project are being deleted, as {@code requester} asked.
 */
public record DeletionConfirmed(String projectId, List<String> artifactIds, String requester) {}
