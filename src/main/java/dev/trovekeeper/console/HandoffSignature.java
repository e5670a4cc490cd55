package dev.trovekeeper.console;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The hand-off link's signature: hex HMAC-SHA256, keyed by the shared secret, of {@code
 * "<project>\n<user>\n<ts>"} ({@code ts} in Unix seconds). Pure: no CDI, the time is given.
 */
final class HandoffSignature {

  /** Why a link is refused, or OK. */
  enum Verdict {
    OK,
    MALFORMED,
    BAD_SIGNATURE,
    EXPIRED
  }

  private HandoffSignature() {}

  /** The signature a cloud console puts in {@code sig}. */
  static String sign(String secret, String project, String user, long ts) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest =
          mac.doFinal((project + "\n" + user + "\n" + ts).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  /**
   * Checks a link's parameters: well formed, signed with {@code secret}, and {@code ts} within
   * {@code validity} of {@code now} (either way, for clock skew). The signature is checked before
   * the time, so an expired link tells nothing about a forged one.
   */
  static Verdict check(
      String secret,
      String project,
      String user,
      String ts,
      String sig,
      Instant now,
      Duration validity) {
    if (project == null
        || user == null
        || ts == null
        || sig == null
        || !project.matches("[A-Za-z0-9_.-]{1,64}")
        || !user.matches("[A-Za-z0-9_.@-]{1,255}")
        || !ts.matches("\\d{1,12}")
        || !sig.matches("[0-9a-fA-F]{64}")) {
      return Verdict.MALFORMED;
    }
    long seconds = Long.parseLong(ts);
    byte[] expected = sign(secret, project, user, seconds).getBytes(StandardCharsets.US_ASCII);
    byte[] given = sig.toLowerCase().getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, given)) {
      return Verdict.BAD_SIGNATURE;
    }
    long skew = Math.abs(now.getEpochSecond() - seconds);
    return skew <= validity.toSeconds() ? Verdict.OK : Verdict.EXPIRED;
  }
}
