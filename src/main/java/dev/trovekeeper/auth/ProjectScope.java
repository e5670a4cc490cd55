package dev.trovekeeper.auth;

import dev.trovekeeper.api.ErrorCode;
import dev.trovekeeper.api.KeeperException;

/**
 * Keeps tenants inside their project. Another project's resource answers 404, like a missing one,
 * so a tenant cannot learn that it exists.
 */
public final class ProjectScope {

  private ProjectScope() {}

  /**
   * Throws the {@code NOT_FOUND} {@link KeeperException} unless the resource belongs to the
   * caller's project or the caller is an operator.
   */
  public static void check(Caller caller, String resourceProjectId) {
    if (!allows(caller, resourceProjectId)) {
      throw new KeeperException(ErrorCode.NOT_FOUND, "no such resource in the project");
    }
  }

  /** Whether the caller may see a resource of {@code resourceProjectId}. */
  public static boolean allows(Caller caller, String resourceProjectId) {
    return caller.isOperator()
        || (resourceProjectId != null && resourceProjectId.equals(caller.projectId()));
  }
}
