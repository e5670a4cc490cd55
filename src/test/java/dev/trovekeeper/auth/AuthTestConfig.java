package dev.trovekeeper.auth;

import io.smallrye.jwt.util.KeyUtils;
import java.security.PrivateKey;
import java.util.Map;

/**
 * Keys and addresses the auth tests use: a console key pair (test only, under src/test/resources),
 * the confirmation HMAC key and project A's owner address.
 */
public final class AuthTestConfig {

  public static final String CONFIRMATION_KEY = "test-confirmation-key-0123456789-abcdefghij";
  public static final String OWNER_A = "owner-a@keeper.test";

  private AuthTestConfig() {}

  /** Config overrides for the test application. */
  public static Map<String, String> config() {
    return Map.of(
        "keeper.auth.jwt.public-key-location",
        "auth/console-test-public.pem",
        "keeper.auth.confirmation.signing-key",
        CONFIRMATION_KEY,
        "keeper.auth.owner-email.demo-project-a",
        OWNER_A,
        "keeper.auth.public-url",
        "http://keeper.test",
        // The test region's readable project ids (demo-project-a, iso-a-1a2b3c4d)
        "keeper.auth.project-id-pattern",
        "[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
  }

  /** The private key matching the configured console public key. */
  public static PrivateKey consolePrivateKey() {
    try {
      return KeyUtils.readPrivateKey("auth/console-test-private.pem");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
