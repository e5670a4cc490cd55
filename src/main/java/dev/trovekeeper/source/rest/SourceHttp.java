package dev.trovekeeper.source.rest;

import dev.trovekeeper.ratelimit.RetryAfter;
import dev.trovekeeper.ratelimit.SourceRateLimiter;
import dev.trovekeeper.source.SourceException;
import dev.trovekeeper.source.SourceUnauthorized;
import dev.trovekeeper.source.rest.RestSourceConfig.AuthType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sends GETs to the source: each through the shared limiter, with the source's auth (only to the
 * source's own origin), honouring 429/503 Retry-After, retrying transient failures with backoff,
 * and turning 401/403 into {@link SourceUnauthorized}.
 */
final class SourceHttp {

  static final int MAX_ATTEMPTS = 12;
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final HttpClient http;
  private final RestSourceConfig config;
  private final RestCredentials credentials;
  private final SourceRateLimiter limiter;
  private final OAuth2Tokens oauth;

  SourceHttp(
      HttpClient http,
      RestSourceConfig config,
      RestCredentials credentials,
      SourceRateLimiter limiter) {
    this.http = http;
    this.config = config;
    this.credentials = credentials;
    this.limiter = limiter;
    this.oauth =
        config.auth().type() == AuthType.OAUTH2_CLIENT_CREDENTIALS
            ? new OAuth2Tokens(http, config.auth().tokenUrl(), config.auth().scope(), credentials)
            : null;
  }

  /** GET {@code url}; a 2xx answer, its body read with {@code handler}. */
  <T> HttpResponse<T> get(URI url, HttpResponse.BodyHandler<T> handler)
      throws InterruptedException {
    boolean refreshed = false;
    for (int attempt = 1; ; attempt++) {
      var request = HttpRequest.newBuilder(url).timeout(TIMEOUT).GET();
      String bearer = authenticate(request, url);
      var permit = limiter.acquire();
      HttpResponse<T> response;
      try {
        response = http.send(request.build(), handler);
      } catch (IOException e) {
        limiter.succeeded(permit);
        if (attempt >= MAX_ATTEMPTS) {
          throw new SourceException("source unreachable: " + e.getMessage(), true, e);
        }
        backoff(attempt);
        continue;
      }
      int status = response.statusCode();
      if (status >= 200 && status < 300) {
        limiter.succeeded(permit);
        return response;
      }
      discard(response);
      var retryAfter =
          RetryAfter.parse(
              response.headers().firstValue("Retry-After").orElse(null), Instant.now());
      if (status == 429) {
        limiter.throttled(permit, retryAfter);
      } else if (status == 503) {
        limiter.unavailable(permit, retryAfter);
      } else {
        limiter.succeeded(permit);
      }
      if (status == 401 || status == 403) {
        if (bearer != null && !refreshed) {
          // an expired or revoked OAuth2 token: one fresh token, then the refusal stands
          oauth.invalidate(bearer);
          refreshed = true;
          continue;
        }
        throw new SourceUnauthorized("the source refused the credentials (" + status + ")", status);
      }
      boolean retryable = status == 429 || status == 503 || status >= 500 || status == 408;
      if (!retryable) {
        throw new SourceException("the source answered " + status + " for " + url.getPath(), false);
      }
      if (attempt >= MAX_ATTEMPTS) {
        throw new SourceException("the source kept answering " + status, true);
      }
      if (status != 429 && status != 503) {
        backoff(attempt);
      }
    }
  }

  /**
   * A write ({@code PUT}, {@code POST}, {@code DELETE}) to {@code url} with a JSON {@code body}
   * (null: none), through the shared limiter with the source's auth: the answer once it is a 2xx or
   * a refusal of the object (4xx other than 401, 408, 429); throttling, 503 and 5xx are retried as
   * for reads.
   *
   * @throws SourceUnauthorized on 401 (after one fresh OAuth2 token)
   * @throws SourceException when the source stays unreachable or keeps failing (transient)
   */
  HttpResponse<byte[]> write(String method, URI url, byte[] body) throws InterruptedException {
    return write(
        method,
        url,
        body == null ? null : () -> HttpRequest.BodyPublishers.ofByteArray(body),
        "application/json");
  }

  /** As {@link #write(String, URI, byte[])} with a body made anew for each attempt. */
  HttpResponse<byte[]> write(
      String method,
      URI url,
      java.util.function.Supplier<HttpRequest.BodyPublisher> body,
      String contentType)
      throws InterruptedException {
    boolean refreshed = false;
    for (int attempt = 1; ; attempt++) {
      var request =
          HttpRequest.newBuilder(url)
              .timeout(TIMEOUT)
              .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body.get());
      if (body != null) {
        request.header("Content-Type", contentType);
      }
      String bearer = authenticate(request, url);
      var permit = limiter.acquire();
      HttpResponse<byte[]> response;
      try {
        response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (IOException e) {
        limiter.succeeded(permit);
        if (attempt >= MAX_ATTEMPTS) {
          throw new SourceException("source unreachable: " + e.getMessage(), true, e);
        }
        backoff(attempt);
        continue;
      }
      int status = response.statusCode();
      var retryAfter =
          RetryAfter.parse(
              response.headers().firstValue("Retry-After").orElse(null), Instant.now());
      if (status == 429) {
        limiter.throttled(permit, retryAfter);
      } else if (status == 503) {
        limiter.unavailable(permit, retryAfter);
      } else {
        limiter.succeeded(permit);
      }
      if (status == 401) {
        if (bearer != null && !refreshed) {
          oauth.invalidate(bearer);
          refreshed = true;
          continue;
        }
        throw new SourceUnauthorized("the source refused the credentials (" + status + ")", status);
      }
      boolean retryable = status == 429 || status == 503 || status >= 500 || status == 408;
      if (!retryable) {
        return response;
      }
      if (attempt >= MAX_ATTEMPTS) {
        throw new SourceException("the source kept answering " + status, true);
      }
      if (status != 429 && status != 503) {
        backoff(attempt);
      }
    }
  }

  /** Adds the source's credentials when {@code url} is on the source's origin; the bearer sent. */
  private String authenticate(HttpRequest.Builder request, URI url) throws InterruptedException {
    if (!sameOrigin(url, config.baseUrl())) {
      return null;
    }
    switch (config.auth().type()) {
      case API_KEY -> request.header(config.auth().header(), credentials.apiKey().reveal());
      case BEARER -> request.header("Authorization", "Bearer " + credentials.token().reveal());
      case OAUTH2_CLIENT_CREDENTIALS -> {
        var token = oauth.token();
        request.header("Authorization", "Bearer " + token);
        return token;
      }
      case NONE -> {}
    }
    return null;
  }

  static boolean sameOrigin(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost().equalsIgnoreCase(b.getHost())
        && port(a) == port(b);
  }

  private static int port(URI u) {
    return u.getPort() != -1 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }

  private static void discard(HttpResponse<?> response) {
    if (response.body() instanceof java.io.InputStream in) {
      try (in) {
        in.transferTo(java.io.OutputStream.nullOutputStream());
      } catch (IOException ignored) {
        // the answer is a refusal; its body does not matter
      }
    }
  }

  private static void backoff(int attempt) throws InterruptedException {
    long base = Math.min(30_000, 250L << Math.min(attempt, 7));
    Thread.sleep(base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1));
  }
}
