package dev.trovekeeper.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trovekeeper.auth.Caller;
import dev.trovekeeper.auth.KeystoneSignIn.ProjectChoice;
import dev.trovekeeper.auth.Role;
import dev.trovekeeper.dataset.CredentialCipher;
import dev.trovekeeper.testing.MutableClock;
import dev.trovekeeper.testing.Tenant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Console sessions shared by replicas through MariaDB: the running service is one replica, a {@link
 * ConsoleSessions} built here over the same datasource is another.
 */
@QuarkusTest
class ConsoleSessionsTest {

  @Inject ConsoleConfig config;
  @Inject Clock clock;
  @Inject DataSource dataSource;
  @Inject CredentialCipher cipher;

  @Test
  void aSessionSignedInOnOneReplicaIsServedBySignedOutOnAnotherAndRefusedEverywhere() {
    Tenant tenant = Tenant.create("csess", 0);
    String user = ConsoleSignIn.member(tenant.projectId);
    String cookie = ConsoleSignIn.session(user, tenant.projectId);
    ConsoleSessions other = replica(clock);

    ConsoleSession session = other.find(cookie).orElseThrow();
    assertThat(session.caller().userName()).isEqualTo(user);
    assertThat(session.caller().projectId()).isEqualTo(tenant.projectId);
    assertThat(session.caller().canWrite()).isTrue();
    assertThat(session.keystoneToken()).isNotBlank();
    assertThat(session.handedOff()).isFalse();
    String page = console(cookie).get("/console/datasets").asString();
    assertThat(page).contains(session.csrf());
    byte[] stored = storedToken(cookie);
    assertThat(new String(stored, StandardCharsets.ISO_8859_1))
        .doesNotContain(session.keystoneToken());

    other.close(cookie);

    assertThat(other.find(cookie)).isEmpty();
    var refused = console(cookie).get("/console/datasets");
    assertThat(refused.statusCode()).isEqualTo(303);
    assertThat(refused.header("Location")).contains("/console/signin");
  }

  @Test
  void theIdleTimeoutIsRefreshedAtMostOnceAMinuteAndExpiredSessionsAreRefusedAndCleanedUp() {
    // Years in the past: the cleanup below deletes no session of another test.
    MutableClock time = new MutableClock(Instant.parse("2001-01-01T00:00:00Z"));
    ConsoleSessions one = replica(time);
    ConsoleSessions two = replica(time);
    Caller caller = new Caller("u-1", "ursula", "p-1", Set.of(Role.MEMBER));
    List<ProjectChoice> projects = List.of(new ProjectChoice("p-1", "one"));
    String used = one.open(caller, "keystone-token-1", projects, null);
    String left = one.open(caller, null, projects, null);

    time.advance(Duration.ofSeconds(90));
    ConsoleSession found = two.find(used).orElseThrow();
    assertThat(found.keystoneToken()).isEqualTo("keystone-token-1");
    assertThat(found.projects()).isEqualTo(projects);
    Instant touched = touchedAt(used);
    assertThat(touched).isEqualTo(time.instant());
    time.advance(Duration.ofSeconds(30));
    assertThat(one.find(used)).isPresent();
    assertThat(touchedAt(used)).as("no write within a minute of the last").isEqualTo(touched);

    time.advance(config.idleTimeout().minusSeconds(31));
    assertThat(two.find(used)).as("idle timeout counted from the refresh").isPresent();
    time.advance(config.idleTimeout());
    assertThat(one.find(used)).isEmpty();
    assertThat(two.find(left)).isEmpty();
    assertThat(rows(left)).as("a refused row is deleted").isZero();

    String expired = one.open(caller, null, projects, null);
    time.advance(config.idleTimeout().plusSeconds(1));
    assertThat(two.removeExpired()).isPositive();
    assertThat(rows(expired)).isZero();
  }

  @Test
  void aHandOffLinkSignsInOnceAcrossReplicasAndIsForgottenOnlyAfterItCouldBeValid() {
    MutableClock time = new MutableClock(Instant.parse("2001-03-01T00:00:00Z"));
    ConsoleSessions one = replica(time);
    ConsoleSessions two = replica(time);
    String signature = "AB" + java.util.UUID.randomUUID().toString().replace("-", "");
    Duration remember = Duration.ofMinutes(4);

    assertThat(one.firstUseOfHandoff(signature, remember)).isTrue();
    assertThat(two.firstUseOfHandoff(signature, remember))
        .as("used on the other replica")
        .isFalse();
    assertThat(two.firstUseOfHandoff(signature.toLowerCase(), remember))
        .as("hex case does not make another link")
        .isFalse();

    time.advance(remember.minusSeconds(1));
    two.removeExpired();
    assertThat(one.firstUseOfHandoff(signature, remember)).as("still remembered").isFalse();
    time.advance(Duration.ofSeconds(1));
    two.removeExpired();
    int kept =
        query(
            "SELECT COUNT(*) FROM console_used_handoffs WHERE sig_sha256 = ?",
            signature.toLowerCase(),
            r -> r.getInt(1));
    assertThat(kept).as("forgotten once it could no longer be valid").isZero();
  }

  @Test
  void aSessionEndsAtItsAbsoluteEndEvenWhenUsed() {
    MutableClock time = new MutableClock(Instant.parse("2001-02-01T00:00:00Z"));
    ConsoleSessions one = replica(time);
    Caller caller = new Caller("u-2", "uma", "p-2", Set.of(Role.READER));
    String id = one.open(caller, null, List.of(), time.instant().plus(Duration.ofMinutes(20)));
    time.advance(Duration.ofMinutes(15));
    assertThat(one.find(id)).isPresent();
    time.advance(Duration.ofMinutes(5));
    assertThat(one.find(id)).isEmpty();
  }

  private ConsoleSessions replica(Clock clock) {
    return new ConsoleSessions(config, clock, new ConsoleSessionTable(dataSource), cipher);
  }

  private static io.restassured.specification.RequestSpecification console(String cookie) {
    return RestAssured.given().redirects().follow(false).cookie("tk_console", cookie);
  }

  private byte[] storedToken(String cookie) {
    return query(
        "SELECT keystone_token FROM console_sessions WHERE id_sha256 = ?",
        cookie,
        r -> r.getBytes(1));
  }

  private Instant touchedAt(String cookie) {
    return query(
        "SELECT touched_at FROM console_sessions WHERE id_sha256 = ?",
        cookie,
        r -> r.getObject(1, java.time.LocalDateTime.class).toInstant(java.time.ZoneOffset.UTC));
  }

  private int rows(String cookie) {
    return query(
        "SELECT COUNT(*) FROM console_sessions WHERE id_sha256 = ?", cookie, r -> r.getInt(1));
  }

  private interface Column<T> {
    T read(ResultSet r) throws SQLException;
  }

  private <T> T query(String sql, String cookie, Column<T> column) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, ConsoleSessions.key(cookie));
      try (ResultSet r = s.executeQuery()) {
        assertThat(r.next()).isTrue();
        return column.read(r);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
