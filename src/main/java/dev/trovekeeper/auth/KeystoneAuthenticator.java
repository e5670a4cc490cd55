package dev.trovekeeper.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.trovekeeper.api.ErrorCode;
import dev.trovekeeper.api.KeeperException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Turns a Keystone token into a {@link Caller}, asking Keystone once per token: valid answers are
 * cached until the token expires (at most {@code token-cache-ttl}), unknown tokens for {@code
 * invalid-token-cache-ttl}. The cache is Caffeine with an expiry per entry (ADR 0080), bounded by
 * {@code token-cache-size}, ticking on the injected clock, and keyed by the token's SHA-256, never
 * the token itself.
 */
@ApplicationScoped
class KeystoneAuthenticator {

  /** A validation answer and when it stops being trusted. */
  private record Answer(Optional<Caller> caller, Instant until) {}

  private final KeystoneTokenValidator validator;
  private final AuthConfig config;
  private final OperatorProject operators;
  private final Clock clock;
  private final Cache<String, Answer> cache;

  KeystoneAuthenticator(
      KeystoneTokenValidator validator, AuthConfig config, OperatorProject operators, Clock clock) {
    this.validator = validator;
    this.operators = operators;
    this.config = config;
    this.clock = clock;
    this.cache =
        Caffeine.newBuilder()
            .maximumSize(config.tokenCacheSize())
            .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
            .expireAfter(Expiry.<String, Answer>creating((key, answer) -> untilExpiry(answer)))
            .build();
  }

  Caller authenticate(String token) {
    String key = sha256(token);
    Answer cached = cache.getIfPresent(key);
    Optional<Caller> caller =
        cached != null ? cached.caller() : validate(key, token, clock.instant());
    return caller.orElseThrow(
        () ->
            new KeeperException(
                ErrorCode.UNAUTHENTICATED,
                "the Keystone token is invalid, expired or not scoped to a project"));
  }

  private Optional<Caller> validate(String key, String token, Instant now) {
    Optional<KeystoneToken> validated =
        validator.validate(token).filter(t -> t.projectId() != null && t.userId() != null);
    if (validated.isEmpty() || !validated.get().expiresAt().isAfter(now)) {
      cache.put(key, new Answer(Optional.empty(), now.plus(config.invalidTokenCacheTtl())));
      return Optional.empty();
    }
    Instant until = min(validated.get().expiresAt(), now.plus(config.tokenCacheTtl()));
    Optional<Caller> caller = Optional.of(validated.get().caller(operators));
    cache.put(key, new Answer(caller, until));
    return caller;
  }

  private Duration untilExpiry(Answer answer) {
    Duration left = Duration.between(clock.instant(), answer.until());
    return left.isNegative() ? Duration.ZERO : left;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static String sha256(String token) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
