package dev.trovekeeper.demo;

import java.time.Instant;
import java.util.List;

/** An issued Keystone token; {@code project} is null when unscoped. */
record Token(
    String id,
    IdentityStore.User user,
    IdentityStore.Project project,
    List<String> methods,
    List<String> roles,
    String appCredentialId,
    Instant issuedAt,
    Instant expiresAt) {

  boolean isAdmin() {
    return roles.contains(DemoSeed.ROLE_ADMIN);
  }

  boolean expired(Instant now) {
    return !now.isBefore(expiresAt);
  }
}
