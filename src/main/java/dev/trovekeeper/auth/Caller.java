package dev.trovekeeper.auth;

import dev.trovekeeper.api.ErrorCode;
import dev.trovekeeper.api.KeeperException;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/**
 * Who sent the request: a Keystone user (or console session) acting in one project.
 *
 * @param roles roles held in {@code projectId}
 */
public record Caller(String userId, String userName, String projectId, Set<Role> roles) {

  public Caller {
    roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
  }

  /** A caller with the roles Keystone role names grant (unknown names are ignored). */
  public static Caller of(
      String userId, String userName, String projectId, Collection<String> roleNames) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    roleNames.forEach(name -> Role.fromKeystone(name).ifPresent(roles::add));
    return new Caller(userId, userName, projectId, roles);
  }

  /** Whether one of the caller's roles includes {@code role}. */
  public boolean has(Role role) {
    return roles.stream().anyMatch(held -> held.includes(role));
  }

  public boolean canRead() {
    return has(Role.READER);
  }

  /** Member or admin. */
  public boolean canWrite() {
    return has(Role.MEMBER);
  }

  /** Admin: may act on every project. */
  public boolean isOperator() {
    return has(Role.ADMIN);
  }

  /**
   * Refuses with 403 {@code FORBIDDEN} unless the caller holds {@code role} (or a stronger one).
   */
  public Caller require(Role role) {
    if (!has(role)) {
      throw new KeeperException(
          ErrorCode.FORBIDDEN, "needs the " + role.name().toLowerCase() + " role in the project");
    }
    return this;
  }
}
