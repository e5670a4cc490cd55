package dev.trovekeeper.auth;

import java.util.Set;

/** The caller as {@code GET /v1/me} shows it. */
public record CallerResponse(
    String userId, String userName, String projectId, Set<Role> roles, boolean operator) {

  static CallerResponse of(Caller caller) {
    return new CallerResponse(
        caller.userId(),
        caller.userName(),
        caller.projectId(),
        caller.roles(),
        caller.isOperator());
  }
}
