package dev.trovekeeper.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What Keystone says about a validated token.
 *
 * @param projectId null for an unscoped or domain-scoped token
 */
record KeystoneToken(
    String userId, String userName, String projectId, List<String> roles, Instant expiresAt) {

  /** Reads the body of {@code GET /v3/auth/tokens}. */
  static KeystoneToken parse(JsonNode body) {
    JsonNode token = body.path("token");
    List<String> roles = new ArrayList<>();
    token.path("roles").forEach(role -> roles.add(role.path("name").asText()));
    JsonNode project = token.path("project");
    return new KeystoneToken(
        token.path("user").path("id").asText(null),
        token.path("user").path("name").asText(null),
        project.isObject() ? project.path("id").asText(null) : null,
        List.copyOf(roles),
        Instant.parse(token.path("expires_at").asText()));
  }

  Caller caller(OperatorProject operators) {
    return Caller.of(userId, userName, projectId, roles, operators.is(projectId));
  }
}
