package dev.trovekeeper.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trovekeeper.auth.Caller;
import dev.trovekeeper.auth.KeystoneSignIn.ProjectChoice;
import dev.trovekeeper.auth.Role;
import dev.trovekeeper.console.ConsoleSessionTable.Row;
import dev.trovekeeper.dataset.CredentialCipher;
import dev.trovekeeper.dataset.CredentialsUnreadableException;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Console sessions in MariaDB, shared by every replica (ADR 0180): the browser holds only a random
 * opaque id in an HttpOnly cookie, the table keys sessions by the id's SHA-256. A session ends at
 * its absolute end or after the idle timeout, whichever comes first. Every request reads its row
 * (one primary-key lookup, no cache), so a sign-out on one replica holds on all of them at once.
 */
@ApplicationScoped
class ConsoleSessions {

  /** A use refreshes the idle timeout only when the last recorded one is older than this. */
  static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<ProjectChoice>> PROJECTS = new TypeReference<>() {};

  private final ConsoleConfig config;
  private final Clock clock;
  private final ConsoleSessionTable table;
  private final CredentialCipher cipher;

  @Inject
  ConsoleSessions(
      ConsoleConfig config, Clock clock, DataSource dataSource, CredentialCipher cipher) {
    this(config, clock, new ConsoleSessionTable(dataSource), cipher);
  }

  ConsoleSessions(
      ConsoleConfig config, Clock clock, ConsoleSessionTable table, CredentialCipher cipher) {
    this.config = config;
    this.clock = clock;
    this.table = table;
    this.cipher = cipher;
  }

  /**
   * A new session for {@code caller}; returns the cookie value (the only copy of the id). It ends
   * after the configured session life, and never after {@code tokenEnd}. The Keystone token is
   * stored encrypted with the dataset credentials key; without a key it is not stored and the
   * session cannot switch projects (sign in again instead).
   */
  String open(Caller caller, String keystoneToken, List<ProjectChoice> projects, Instant tokenEnd) {
    Instant now = clock.instant();
    Instant end = now.plus(config.sessionTtl());
    if (tokenEnd != null && tokenEnd.isBefore(end)) {
      end = tokenEnd;
    }
    String id = random();
    String key = key(id);
    table.insert(
        new Row(
            key,
            caller.userId(),
            caller.userName(),
            caller.projectId(),
            caller.roles().stream().map(Role::name).sorted().collect(Collectors.joining(",")),
            caller.isOperator(),
            random(),
            seal(keystoneToken, key),
            json(projects),
            keystoneToken == null,
            end,
            now,
            expiry(end, now)));
    return id;
  }

  /** The live session the cookie names. */
  Optional<ConsoleSession> find(String id) {
    if (id == null || !id.matches("[A-Za-z0-9_-]{20,100}")) {
      return Optional.empty();
    }
    String key = key(id);
    Optional<Row> found = table.find(key);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Row row = found.get();
    Instant now = clock.instant();
    if (!now.isBefore(row.expiresAt())) {
      table.delete(key);
      return Optional.empty();
    }
    // Writing on every request would make each page view a write; a minute late is fine for a
    // timeout of many minutes.
    if (Duration.between(row.touchedAt(), now).compareTo(TOUCH_EVERY) >= 0) {
      table.touch(key, now, expiry(row.endsAt(), now));
    }
    return Optional.of(session(row));
  }

  /** Ends the session (sign-out) on every replica. */
  void close(String id) {
    if (id != null) {
      table.delete(key(id));
    }
  }

  /**
   * Deletes expired sessions in batches; safe on several replicas at once (each deletes what is
   * left). Returns how many it deleted.
   */
  int removeExpired() {
    Instant now = clock.instant();
    int total = 0;
    int deleted;
    do {
      deleted = table.deleteExpired(now, 1000);
      total += deleted;
    } while (deleted == 1000);
    do {
      deleted = table.deleteForgottenHandoffs(now, 1000);
    } while (deleted == 1000);
    return total;
  }

  /**
   * True for the first use of a hand-off link's {@code signature} on any replica, false for every
   * later one; the use is remembered for {@code remember} (as long as the link could be valid).
   */
  boolean firstUseOfHandoff(String signature, Duration remember) {
    Instant now = clock.instant();
    return table.markHandoffUsed(
        key(signature.toLowerCase(java.util.Locale.ROOT)), now, now.plus(remember));
  }

  private ConsoleSession session(Row row) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    Arrays.stream(row.roles().split(","))
        .filter(name -> !name.isEmpty())
        .forEach(name -> roles.add(Role.valueOf(name)));
    Caller caller =
        new Caller(row.userId(), row.userName(), row.projectId(), roles, row.operator());
    return new ConsoleSession(
        caller,
        row.csrf(),
        unseal(row.keystoneToken(), row.key()),
        projects(row.projects()),
        row.endsAt(),
        row.handedOff());
  }

  private Instant expiry(Instant end, Instant touched) {
    Instant idleEnd = touched.plus(config.idleTimeout());
    return idleEnd.isBefore(end) ? idleEnd : end;
  }

  private byte[] seal(String token, String key) {
    if (token == null) {
      return null;
    }
    if (!cipher.canEncrypt()) {
      Log.warn(
          "No keeper.dataset.credentials-key: the console session keeps no Keystone token, so"
              + " switching projects needs a new sign-in");
      return null;
    }
    return cipher.encrypt(token.getBytes(StandardCharsets.UTF_8), binding(key));
  }

  private String unseal(byte[] sealed, String key) {
    if (sealed == null) {
      return null;
    }
    try {
      return new String(cipher.decrypt(sealed, binding(key)), StandardCharsets.UTF_8);
    } catch (CredentialsUnreadableException e) {
      Log.infof("A console session's Keystone token cannot be read (%s)", e.getMessage());
      return null;
    }
  }

  /** Bound as associated data: a token copied into another session's row does not decrypt. */
  private static String binding(String key) {
    return "console-session:" + key;
  }

  private static String json(List<ProjectChoice> projects) {
    try {
      return JSON.writeValueAsString(projects);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the project list", e);
    }
  }

  private static List<ProjectChoice> projects(String json) {
    try {
      return List.copyOf(JSON.readValue(json, PROJECTS));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot read the project list", e);
    }
  }

  private static String random() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The table's key of a cookie id: its SHA-256, hex. */
  static String key(String id) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(id.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
