package dev.trovekeeper.storage;

import dev.trovekeeper.trove.KeystoneSession;
import dev.trovekeeper.trove.ServiceToken;
import dev.trovekeeper.trove.TroveException;
import java.net.URI;

/**
 * The service's own Keystone session (the {@code OS_*} settings): its service-project token, and
 * the {@code object-store} endpoint of the token's catalog in the configured region and interface.
 * The session caches and renews the token.
 */
final class KeystoneSwiftAuth implements SwiftAuth {

  private final KeystoneSession keystone;

  KeystoneSwiftAuth(KeystoneSession keystone) {
    this.keystone = keystone;
  }

  @Override
  public Session session() {
    ServiceToken token;
    try {
      token = keystone.token();
    } catch (TroveException e) {
      throw new Failure("Keystone: " + e.getMessage(), e.fault().retryable(), e);
    }
    if (token.objectStoreUrl() == null || token.objectStoreUrl().isBlank()) {
      throw new Failure(
          "the Keystone catalog has no 'object-store' (Swift) endpoint in region OS_REGION_NAME"
              + " for OS_INTERFACE",
          false,
          null);
    }
    return new Session(token.id(), URI.create(token.objectStoreUrl().replaceAll("/+$", "")));
  }

  @Override
  public void invalidate() {
    keystone.invalidate();
  }

  @Override
  public String describe() {
    return "keystone";
  }
}
