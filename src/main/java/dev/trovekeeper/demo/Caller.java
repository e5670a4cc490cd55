package dev.trovekeeper.demo;

import java.util.List;
import java.util.UUID;

/** Who is calling Trove: from the token, plus the request id Trove would assign. */
record Caller(String userId, String projectId, List<String> roles, String requestId) {

  static Caller of(Token token, String projectId) {
    return new Caller(token.user().id(), projectId, token.roles(), newRequestId());
  }

  /** The region itself (seed data, test helpers). */
  static Caller system(String projectId) {
    return new Caller(DemoSeed.KEEPER_USER_ID, projectId, List.of("admin"), newRequestId());
  }

  boolean isAdmin() {
    return roles.contains(DemoSeed.ROLE_ADMIN);
  }

  private static String newRequestId() {
    return "req-" + UUID.randomUUID();
  }
}
