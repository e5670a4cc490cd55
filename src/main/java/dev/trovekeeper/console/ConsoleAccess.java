package dev.trovekeeper.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NewCookie;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** The console's session cookie and CSRF checks. */
@ApplicationScoped
class ConsoleAccess {

  /** The session cookie: an opaque id, HttpOnly, SameSite=Strict, only under /console. */
  static final String COOKIE = "tk_console";

  static final URI SIGN_IN = URI.create("/console/signin");

  private final ConsoleSessions sessions;
  private final ConsoleConfig config;

  ConsoleAccess(ConsoleSessions sessions, ConsoleConfig config) {
    this.sessions = sessions;
    this.config = config;
  }

  /** The request's session; without one the browser is sent to sign in. */
  ConsoleSession require(HttpHeaders headers) {
    String id = sessionId(headers);
    return sessions.find(id).orElseThrow(() -> new SignInRequired(id != null));
  }

  /** The session, after checking that a form posted its CSRF token. */
  ConsoleSession requireForm(HttpHeaders headers, String csrf) {
    ConsoleSession session = require(headers);
    if (!same(session.csrf(), csrf)) {
      throw new ConsoleFailure(
          403, "Forbidden", "The form is out of date or did not come from this console.");
    }
    return session;
  }

  String sessionId(HttpHeaders headers) {
    var cookie = headers.getCookies().get(COOKIE);
    return cookie == null ? null : cookie.getValue();
  }

  NewCookie cookie(String name, String value) {
    return new NewCookie.Builder(name)
        .value(value)
        .path("/console")
        .httpOnly(true)
        .secure(config.secureCookie())
        .sameSite(NewCookie.SameSite.STRICT)
        .build();
  }

  NewCookie expired(String name) {
    return new NewCookie.Builder(name)
        .value("")
        .path("/console")
        .httpOnly(true)
        .secure(config.secureCookie())
        .sameSite(NewCookie.SameSite.STRICT)
        .maxAge(0)
        .build();
  }

  /** Constant-time comparison, so a token is not guessed byte by byte from timings. */
  static boolean same(String expected, String given) {
    if (expected == null || given == null) {
      return false;
    }
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }
}
