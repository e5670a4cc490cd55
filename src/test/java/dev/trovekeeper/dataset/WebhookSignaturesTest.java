package dev.trovekeeper.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trovekeeper.api.ErrorCode;
import dev.trovekeeper.api.KeeperException;
import dev.trovekeeper.config.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The webhook signature check, against the documented signing recipe. */
class WebhookSignaturesTest {

  static final Instant NOW = Instant.parse("2030-06-01T12:00:00Z");
  static final String SECRET = "current-secret-0123456789abcdef0123456789";
  static final String OLD = "previous-secret-0123456789abcdef0123456789";
  static final byte[] BODY =
      "{\"projectId\":\"p\",\"status\":\"inactive\"}".getBytes(StandardCharsets.UTF_8);

  final WebhookSignatures signatures =
      new WebhookSignatures(
          Optional.of(Secret.of(SECRET)),
          List.of(Secret.of(OLD)),
          Duration.ofMinutes(5),
          Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void aCallSignedWithTheCurrentOrAPreviousSecretWithinTheTolerancePasses() {
    long t = NOW.getEpochSecond();
    assertThatNoException().isThrownBy(() -> signatures.verify(header(SECRET, t), BODY));
    assertThatNoException().isThrownBy(() -> signatures.verify(header(OLD, t - 299), BODY));
    assertThatNoException()
        .isThrownBy(
            () ->
                signatures.verify(
                    "t="
                        + t
                        + ",v1="
                        + sig("another-secret-0123456789abcdef01234", t)
                        + ",v1="
                        + sig(SECRET, t),
                    BODY));
  }

  @Test
  void wrongStaleFutureMissingOrMalformedSignaturesAre401() {
    long t = NOW.getEpochSecond();
    refused(header("another-secret-0123456789abcdef0123456", t), BODY);
    refused(header(SECRET, t - 301), BODY);
    refused(header(SECRET, t + 301), BODY);
    refused(header(SECRET, t), "{\"projectId\":\"q\",\"status\":\"inactive\"}".getBytes());
    refused("t=" + (t + 1) + ",v1=" + sig(SECRET, t), BODY); // timestamp changed after signing
    refused(null, BODY);
    refused("", BODY);
    refused("v1=" + sig(SECRET, t), BODY);
    refused("t=abc,v1=" + sig(SECRET, t), BODY);
    refused("t=" + t + ",v1=" + sig(SECRET, t).toUpperCase(), BODY);
    refused("t=" + t + ",v1=" + sig(SECRET, t).substring(2), BODY);
  }

  @Test
  void withoutASecretEveryCallIs503() {
    WebhookSignatures none =
        new WebhookSignatures(
            Optional.empty(), List.of(), Duration.ofMinutes(5), Clock.fixed(NOW, ZoneOffset.UTC));
    assertThatThrownBy(() -> none.verify(header(SECRET, NOW.getEpochSecond()), BODY))
        .isInstanceOfSatisfying(
            KeeperException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.WEBHOOK_NOT_CONFIGURED);
              assertThat(e.code().status()).isEqualTo(503);
            });
  }

  @Test
  void aShortSecretIsRefusedAtStart() {
    assertThatThrownBy(
            () ->
                new WebhookSignatures(
                    Optional.of(Secret.of("short")),
                    List.of(),
                    Duration.ofMinutes(5),
                    Clock.systemUTC()))
        .hasMessageContaining("keeper.webhook.secret");
  }

  private void refused(String header, byte[] body) {
    assertThatThrownBy(() -> signatures.verify(header, body))
        .as(header)
        .isInstanceOfSatisfying(
            KeeperException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.WEBHOOK_SIGNATURE_INVALID));
  }

  private static String header(String secret, long t) {
    return "t=" + t + ",v1=" + sig(secret, t);
  }

  private static String sig(String secret, long t) {
    return WebhookSignatures.sign(secret.getBytes(StandardCharsets.UTF_8), t, BODY);
  }
}
