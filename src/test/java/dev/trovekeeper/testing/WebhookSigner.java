package dev.trovekeeper.testing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs tenant-status webhook calls as the tenants' platform does (docs/OPERATIONS.md): {@code
 * X-Keeper-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">}, with the secrets the
 * test application is configured with. Written from the documentation, not from the service's code.
 */
public final class WebhookSigner {

  public static final String HEADER = "X-Keeper-Signature";
  public static final String SECRET = "test-webhook-secret-0123456789-abcdefghijklmnop";
  public static final String PREVIOUS_SECRET = "test-webhook-previous-secret-0123456789-abcdef";

  private WebhookSigner() {}

  /** Config overrides for the test application. */
  public static Map<String, String> config() {
    return Map.of(
        "keeper.webhook.secret", SECRET, "keeper.webhook.previous-secrets", PREVIOUS_SECRET);
  }

  /** The header for {@code body} signed now with the current secret. */
  public static String header(String body) {
    return header(SECRET, System.currentTimeMillis() / 1000, body);
  }

  /** The header for {@code body} signed with {@code secret} at {@code t} (unix seconds). */
  public static String header(String secret, long t, String body) {
    return "t=" + t + ",v1=" + hex(secret, t + "." + body);
  }

  private static String hex(String secret, String payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
