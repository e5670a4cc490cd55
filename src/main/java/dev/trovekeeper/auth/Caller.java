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
 * @param operator a fleet operator: {@code admin} in the operator project (never in another one)
 */
public record Caller(
    String userId, String userName, String projectId, Set<Role> roles, boolean operator) {

  public Caller {
    roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    operator = operator && roles.contains(Role.ADMIN);
  }

  /** A tenant (no operator, whatever its roles). */
  public Caller(String userId, String userName, String projectId, Set<Role> roles) {
    this(userId, userName, projectId, roles, false);
  }

  /** A tenant with the roles Keystone role names grant (unknown names are ignored). */
  public static Caller of(
      String userId, String userName, String projectId, Collection<String> roleNames) {
    return of(userId, userName, projectId, roleNames, false);
  }

  /**
   * A caller with the roles Keystone role names grant; an operator when {@code inOperatorProject}
   * and one of them is {@code admin}.
   */
  public static Caller of(
      String userId,
      String userName,
      String projectId,
      Collection<String> roleNames,
      boolean inOperatorProject) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    roleNames.forEach(name -> Role.fromKeystone(name).ifPresent(roles::add));
    return new Caller(userId, userName, projectId, roles, inOperatorProject);
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

  /** A fleet operator: may act on every project. */
  public boolean isOperator() {
    return operator;
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

  /** Refuses with 403 {@code FORBIDDEN} unless the caller is a fleet operator. */
  public Caller requireOperator() {
    if (!operator) {
      throw new KeeperException(
          ErrorCode.FORBIDDEN, "needs the admin role in the cloud's operator project");
    }
    return this;
  }
}
