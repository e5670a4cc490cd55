package dev.trovekeeper.auth;

import dev.trovekeeper.api.ErrorCode;
import dev.trovekeeper.api.KeeperException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Turns a Keystone token into a {@link Caller}, asking Keystone once per token: valid answers are
 * cached until the token expires (at most {@code token-cache-ttl}), unknown tokens for {@code
 * invalid-token-cache-ttl}. The cache is keyed by the token's SHA-256, never the token itself.
 */
@ApplicationScoped
class KeystoneAuthenticator {

  private final KeystoneTokenValidator validator;
  private final AuthConfig config;
  private final OperatorProject operators;
  private final Clock clock;
  private final ExpiringCache<String, Optional<Caller>> cache;

  KeystoneAuthenticator(
      KeystoneTokenValidator validator, AuthConfig config, OperatorProject operators, Clock clock) {
    this.validator = validator;
    this.operators = operators;
    this.config = config;
    this.clock = clock;
    this.cache = new ExpiringCache<>(config.tokenCacheSize());
  }

  Caller authenticate(String token) {
    Instant now = clock.instant();
    String key = sha256(token);
    Optional<Caller> caller = cache.get(key, now).orElseGet(() -> validate(key, token, now));
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
      cache.put(key, Optional.empty(), now.plus(config.invalidTokenCacheTtl()));
      return Optional.empty();
    }
    Instant until = min(validated.get().expiresAt(), now.plus(config.tokenCacheTtl()));
    Optional<Caller> caller = Optional.of(validated.get().caller(operators));
    cache.put(key, caller, until);
    return caller;
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
