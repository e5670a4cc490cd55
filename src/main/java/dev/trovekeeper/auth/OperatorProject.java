package dev.trovekeeper.auth;

import dev.trovekeeper.trove.KeystoneSession;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The one Keystone project whose admins are fleet operators: {@code
 * keeper.auth.operator-project-id} or, by default, the service user's own project.
 */
@ApplicationScoped
class OperatorProject {

  private final AuthConfig config;
  private final KeystoneSession session;
  private volatile String id;

  OperatorProject(AuthConfig config, KeystoneSession session) {
    this.config = config;
    this.session = session;
  }

  /** Whether {@code projectId} is the operator project. */
  boolean is(String projectId) {
    return projectId != null && projectId.equals(id());
  }

  private String id() {
    String known = id;
    if (known == null) {
      known = config.operatorProjectId().orElseGet(() -> session.token().projectId());
      id = known;
    }
    return known;
  }
}
