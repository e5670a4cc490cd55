package dev.trovekeeper.console;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.trovekeeper.auth.Caller;
import dev.trovekeeper.auth.KeystoneSignIn.ProjectChoice;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Console sessions, in memory (Caffeine, ADR 0170): the browser holds only a random opaque id in an
 * HttpOnly cookie, the store keys sessions by the id's SHA-256. A session ends at its absolute end
 * or after the idle timeout, whichever comes first.
 */
@ApplicationScoped
class ConsoleSessions {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final ConsoleConfig config;
  private final Clock clock;
  private final Cache<String, ConsoleSession> sessions;

  ConsoleSessions(ConsoleConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.sessions =
        Caffeine.newBuilder()
            .maximumSize(config.maxSessions())
            .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
            .expireAfter(
                new Expiry<String, ConsoleSession>() {
                  @Override
                  public long expireAfterCreate(String key, ConsoleSession s, long now) {
                    return left(s);
                  }

                  @Override
                  public long expireAfterUpdate(String k, ConsoleSession s, long n, long d) {
                    return left(s);
                  }

                  @Override
                  public long expireAfterRead(String k, ConsoleSession s, long n, long d) {
                    return left(s);
                  }
                })
            .build();
  }

  /**
   * A new session for {@code caller}; returns the cookie value (the only copy of the id). It ends
   * after the configured session life, and never after {@code tokenExpiry}.
   */
  String open(Caller caller, String keystoneToken, List<ProjectChoice> projects, Instant tokenEnd) {
    Instant end = clock.instant().plus(config.sessionTtl());
    if (tokenEnd != null && tokenEnd.isBefore(end)) {
      end = tokenEnd;
    }
    String id = random();
    sessions.put(
        key(id),
        new ConsoleSession(
            caller, random(), keystoneToken, List.copyOf(projects), end, keystoneToken == null));
    return id;
  }

  /** The live session the cookie names. */
  Optional<ConsoleSession> find(String id) {
    if (id == null || !id.matches("[A-Za-z0-9_-]{20,100}")) {
      return Optional.empty();
    }
    return Optional.ofNullable(sessions.getIfPresent(key(id)));
  }

  /** Ends the session (sign-out). */
  void close(String id) {
    if (id != null) {
      sessions.invalidate(key(id));
    }
  }

  private long left(ConsoleSession s) {
    Duration toEnd = Duration.between(clock.instant(), s.endsAt());
    Duration left = toEnd.compareTo(config.idleTimeout()) < 0 ? toEnd : config.idleTimeout();
    return left.isNegative() ? 0 : left.toNanos();
  }

  private static String random() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String key(String id) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(id.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
