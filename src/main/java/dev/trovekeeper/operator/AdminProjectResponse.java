package dev.trovekeeper.operator;

import java.time.Instant;

/** A project's settings as the operator sees them. */
public record AdminProjectResponse(
    String projectId, String tier, boolean paused, String ownerEmail, Instant updatedAt) {

  static AdminProjectResponse of(Project project, String tierName) {
    return new AdminProjectResponse(
        project.id, tierName, project.paused, project.ownerEmail, project.updatedAt);
  }

  /** A project the service keeps no settings for yet. */
  static AdminProjectResponse unset(String projectId) {
    return new AdminProjectResponse(projectId, null, false, null, null);
  }
}
