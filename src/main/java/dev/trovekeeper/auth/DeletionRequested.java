package dev.trovekeeper.auth;

import java.time.Instant;
import java.util.List;

/** A deletion waiting for the owner's confirmation; the link went to {@code sentTo} (masked). */
public record DeletionRequested(
    String projectId, List<String> artifactIds, String sentTo, Instant expiresAt) {}
