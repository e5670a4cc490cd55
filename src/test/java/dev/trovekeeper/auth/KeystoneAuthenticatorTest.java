package dev.trovekeeper.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trovekeeper.api.KeeperException;
import dev.trovekeeper.testing.MutableClock;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The token cache trusts each validation until that token's own expiry (at most {@code
 * token-cache-ttl}), and an unknown token for {@code invalid-token-cache-ttl}. Keystone is a stub
 * here (OpenStack is the one thing tests may fake); the clock is moved by hand.
 */
class KeystoneAuthenticatorTest {

  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private final MutableClock clock = new MutableClock(START);
  private final Map<String, Instant> expiries = new HashMap<>();
  private final Map<String, Integer> validations = new HashMap<>();
  private final AuthConfig config = config(Duration.ofMinutes(5), Duration.ofSeconds(30));
  private final KeystoneTokenValidator keystone =
      new KeystoneTokenValidator(null, null, config) {
        @Override
        public Optional<KeystoneToken> validate(String token) {
          validations.merge(token, 1, Integer::sum);
          return Optional.ofNullable(expiries.get(token))
              .map(at -> new KeystoneToken("u-1", "alice", "p-1", List.of("member"), at));
        }
      };
  private final KeystoneAuthenticator authenticator =
      new KeystoneAuthenticator(
          keystone,
          config,
          new OperatorProject(config, null) {
            @Override
            boolean is(String projectId) {
              return false;
            }
          },
          clock);

  @Test
  void eachValidationIsTrustedUntilItsOwnTokensExpiry() {
    expiries.put("short", START.plusSeconds(60));
    expiries.put("long", START.plus(Duration.ofHours(1)));
    authenticator.authenticate("short");
    authenticator.authenticate("long");

    clock.advance(Duration.ofSeconds(59));
    authenticator.authenticate("short");
    authenticator.authenticate("long");
    assertThat(validations).containsEntry("short", 1).containsEntry("long", 1);

    clock.advance(Duration.ofSeconds(2));
    assertThatThrownBy(() -> authenticator.authenticate("short"))
        .isInstanceOf(KeeperException.class);
    authenticator.authenticate("long");
    assertThat(validations).containsEntry("short", 2).containsEntry("long", 1);
  }

  @Test
  void aLongLivedTokenIsAskedAgainAfterTheCacheTtl() {
    expiries.put("t", START.plus(Duration.ofHours(1)));
    authenticator.authenticate("t");
    clock.advance(Duration.ofMinutes(5).minusSeconds(1));
    authenticator.authenticate("t");
    assertThat(validations).containsEntry("t", 1);

    clock.advance(Duration.ofSeconds(2));
    authenticator.authenticate("t");
    assertThat(validations).containsEntry("t", 2);
  }

  @Test
  void anUnknownTokenIsRememberedForTheInvalidTokenTtl() {
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> authenticator.authenticate("unknown"))
          .isInstanceOf(KeeperException.class);
    }
    assertThat(validations).containsEntry("unknown", 1);
    clock.advance(Duration.ofSeconds(31));
    assertThatThrownBy(() -> authenticator.authenticate("unknown"))
        .isInstanceOf(KeeperException.class);
    assertThat(validations).containsEntry("unknown", 2);
  }

  /** An {@link AuthConfig} answering the token-cache settings (and a timeout), nothing else. */
  private static AuthConfig config(Duration ttl, Duration invalidTtl) {
    return (AuthConfig)
        Proxy.newProxyInstance(
            AuthConfig.class.getClassLoader(),
            new Class<?>[] {AuthConfig.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "tokenCacheSize" -> 100;
                  case "tokenCacheTtl" -> ttl;
                  case "invalidTokenCacheTtl" -> invalidTtl;
                  case "keystoneTimeout" -> Duration.ofSeconds(1);
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }
}
