package dev.trovekeeper.storage;

import dev.trovekeeper.config.Secret;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Swift's tempauth v1.0 ({@code GET /auth/v1.0} with {@code X-Auth-User} and {@code X-Auth-Key}),
 * used by test and small installations. The token is cached until a minute before it expires.
 */
final class TempAuth implements SwiftAuth {

  private static final Duration MARGIN = Duration.ofMinutes(1);

  private final HttpClient http;
  private final URI url;
  private final String user;
  private final Secret key;
  private final Duration timeout;
  private final Clock clock = Clock.systemUTC();
  private Session session;
  private Instant expiresAt = Instant.MIN;

  TempAuth(HttpClient http, URI url, String user, Secret key, Duration timeout) {
    this.http = http;
    this.url = url;
    this.user = user;
    this.key = key;
    this.timeout = timeout;
  }

  @Override
  public synchronized Session session() {
    if (session == null || !clock.instant().isBefore(expiresAt.minus(MARGIN))) {
      authenticate();
    }
    return session;
  }

  @Override
  public synchronized void invalidate() {
    session = null;
  }

  @Override
  public String describe() {
    return "tempauth " + url + " user " + user;
  }

  private void authenticate() {
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("X-Auth-User", user)
            .header("X-Auth-Key", key.reveal())
            .GET()
            .build();
    HttpResponse<Void> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      throw new Failure("cannot reach " + describe() + ": " + e, true, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Failure("interrupted while authenticating", true, e);
    }
    int status = response.statusCode();
    if (status / 100 != 2) {
      throw new Failure(
          describe() + " answered " + status + (status == 401 ? " (wrong user or key)" : ""),
          SwiftFailures.isTransient(status),
          null);
    }
    String token = response.headers().firstValue("X-Auth-Token").orElse(null);
    String storageUrl = response.headers().firstValue("X-Storage-Url").orElse(null);
    if (token == null || storageUrl == null) {
      throw new Failure(
          describe() + " answered without X-Auth-Token or X-Storage-Url", false, null);
    }
    long lifeSeconds = response.headers().firstValueAsLong("X-Auth-Token-Expires").orElse(3600);
    session = new Session(token, URI.create(storageUrl.replaceAll("/+$", "")));
    expiresAt = clock.instant().plusSeconds(lifeSeconds);
  }
}
