package dev.trovekeeper.auth;

import java.util.Locale;
import java.util.Optional;

/**
 * What a caller may do in its project, from weakest to strongest; each role includes the ones
 * before it (an admin can write, a member can read).
 */
public enum Role {
  /** Sees the project's targets, policies and backups. */
  READER,
  /** Also changes policies, runs backups, restores and asks for deletions. */
  MEMBER,
  /**
   * Administers the project; in the operator project only, also a fleet operator (every project,
   * global policies and tiers).
   */
  ADMIN;

  /**
   * The role a Keystone role name grants: {@code reader}, {@code member} (also the legacy {@code
   * _member_}) and {@code admin}, case-insensitive; other names grant nothing here.
   */
  public static Optional<Role> fromKeystone(String name) {
    if (name == null) {
      return Optional.empty();
    }
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "reader" -> Optional.of(READER);
      case "member", "_member_" -> Optional.of(MEMBER);
      case "admin" -> Optional.of(ADMIN);
      default -> Optional.empty();
    };
  }

  /** Whether holding this role satisfies a requirement of {@code required}. */
  public boolean includes(Role required) {
    return compareTo(required) >= 0;
  }
}
