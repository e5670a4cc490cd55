package dev.trovekeeper.dataset;

import dev.trovekeeper.api.ErrorCode;
import dev.trovekeeper.api.KeeperException;
import dev.trovekeeper.config.Secret;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks the signature of a webhook call: header {@code X-Keeper-Signature: t=<unix seconds>,
 * v1=<hex HMAC-SHA256 of "<t>.<raw body>">} with a configured secret (the current one or one before
 * a rotation), compared in constant time, and {@code t} within the tolerance of this service's
 * clock. The JDK's {@link Mac} does the cryptography (ADR 0130).
 */
@ApplicationScoped
public class WebhookSignatures {

  /** The request header carrying the signature. */
  public static final String HEADER = "X-Keeper-Signature";

  private static final Pattern SIGNATURE =
      Pattern.compile("t=([0-9]{1,12}),((?:v1=[0-9a-f]{64},?)+)");
  private static final Pattern V1 = Pattern.compile("v1=([0-9a-f]{64})");
  private static final int MIN_SECRET = 32;

  private final List<byte[]> secrets = new ArrayList<>();
  private final Duration tolerance;
  private final Clock clock;

  @Inject
  WebhookSignatures(WebhookConfig config, Clock clock) {
    this(config.secret(), config.previousSecrets().orElse(List.of()), config.tolerance(), clock);
  }

  WebhookSignatures(
      Optional<Secret> secret, List<Secret> previous, Duration tolerance, Clock clock) {
    secret.ifPresent(s -> secrets.add(bytes(s, "keeper.webhook.secret")));
    if (secret.isPresent()) {
      previous.forEach(s -> secrets.add(bytes(s, "keeper.webhook.previous-secrets")));
    }
    this.tolerance = tolerance;
    this.clock = clock;
  }

  /**
   * Refuses a call that is not signed with a configured secret within the tolerance: 503 {@code
   * WEBHOOK_NOT_CONFIGURED} without a secret, 401 {@code WEBHOOK_SIGNATURE_INVALID} for a missing,
   * malformed, wrong or stale signature. Nothing of the body is read before this passes.
   */
  public void verify(String header, byte[] body) {
    if (secrets.isEmpty()) {
      throw new KeeperException(
          ErrorCode.WEBHOOK_NOT_CONFIGURED,
          "no webhook secret is configured (KEEPER_WEBHOOK_SECRET): webhook calls are refused");
    }
    Matcher m = header == null ? null : SIGNATURE.matcher(header.replace(" ", ""));
    if (m == null || !m.matches()) {
      throw invalid(HEADER + " must be t=<unix seconds>,v1=<hex HMAC-SHA256>");
    }
    long t = Long.parseLong(m.group(1));
    Duration skew = Duration.between(Instant.ofEpochSecond(t), clock.instant()).abs();
    if (skew.compareTo(tolerance) > 0) {
      throw invalid(
          "the signed timestamp is more than " + tolerance.toSeconds() + " s from now (replay?)");
    }
    byte[] signed = signedPayload(m.group(1), body);
    Matcher v1 = V1.matcher(m.group(2));
    boolean ok = false;
    while (v1.find()) {
      byte[] given = HexFormat.of().parseHex(v1.group(1));
      for (byte[] secret : secrets) {
        // Every candidate is computed and compared: timing says nothing about which one matched.
        ok |= MessageDigest.isEqual(hmac(secret, signed), given);
      }
    }
    if (!ok) {
      throw invalid("the signature does not match the body and timestamp");
    }
  }

  /** The hex signature of {@code body} at {@code t} with {@code secret}, as a sender makes it. */
  static String sign(byte[] secret, long t, byte[] body) {
    return HexFormat.of().formatHex(hmac(secret, signedPayload(Long.toString(t), body)));
  }

  private static byte[] signedPayload(String t, byte[] body) {
    byte[] prefix = (t + ".").getBytes(StandardCharsets.US_ASCII);
    byte[] payload = new byte[prefix.length + body.length];
    System.arraycopy(prefix, 0, payload, 0, prefix.length);
    System.arraycopy(body, 0, payload, prefix.length, body.length);
    return payload;
  }

  private static byte[] hmac(byte[] secret, byte[] payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(payload);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  private static byte[] bytes(Secret secret, String property) {
    byte[] raw = secret.reveal().getBytes(StandardCharsets.UTF_8);
    if (raw.length < MIN_SECRET) {
      throw new IllegalArgumentException(
          property + " must be at least " + MIN_SECRET + " characters (openssl rand -hex 32)");
    }
    return raw;
  }

  private static KeeperException invalid(String detail) {
    return new KeeperException(ErrorCode.WEBHOOK_SIGNATURE_INVALID, detail);
  }
}
