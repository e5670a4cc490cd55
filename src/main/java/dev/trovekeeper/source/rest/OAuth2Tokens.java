package dev.trovekeeper.source.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trovekeeper.source.SourceException;
import dev.trovekeeper.source.SourceUnauthorized;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * OAuth2 client-credentials tokens (RFC 6749 4.4), client authenticated with HTTP Basic, cached
 * until shortly before {@code expires_in} runs out. The token endpoint is not the API: its calls do
 * not count against the source's rate limit.
 */
final class OAuth2Tokens {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration MARGIN = Duration.ofSeconds(30);
  private static final Duration UNKNOWN_LIFETIME = Duration.ofMinutes(5);

  private final HttpClient http;
  private final URI tokenUrl;
  private final String scope;
  private final RestCredentials credentials;
  private String token;
  private Instant expires = Instant.MIN;

  OAuth2Tokens(HttpClient http, URI tokenUrl, String scope, RestCredentials credentials) {
    this.http = http;
    this.tokenUrl = tokenUrl;
    this.scope = scope;
    this.credentials = credentials;
  }

  /** A valid token, fetched when none is cached or it is about to expire. */
  synchronized String token() throws InterruptedException {
    if (token == null || Instant.now().isAfter(expires)) {
      fetch();
    }
    return token;
  }

  /** Forgets the cached token (after the API refused it). */
  synchronized void invalidate(String refused) {
    if (refused.equals(token)) {
      token = null;
    }
  }

  private void fetch() throws InterruptedException {
    var form = "grant_type=client_credentials";
    if (scope != null) {
      form += "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8);
    }
    var basic =
        URLEncoder.encode(credentials.clientId(), StandardCharsets.UTF_8)
            + ":"
            + URLEncoder.encode(credentials.clientSecret().reveal(), StandardCharsets.UTF_8);
    var request =
        HttpRequest.newBuilder(tokenUrl)
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)))
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    try {
      var response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      int status = response.statusCode();
      if (status == 400 || status == 401 || status == 403) {
        throw new SourceUnauthorized("the token endpoint refused the client credentials", status);
      }
      if (status != 200) {
        throw new SourceException("token endpoint answered " + status, status >= 500);
      }
      var body = JSON.readTree(response.body());
      var value = body.path("access_token");
      if (!value.isTextual() || value.textValue().isEmpty()) {
        throw new SourceException("token endpoint answered without access_token", false);
      }
      long seconds = body.path("expires_in").asLong(UNKNOWN_LIFETIME.toSeconds());
      token = value.textValue();
      expires = Instant.now().plusSeconds(seconds).minus(MARGIN);
    } catch (IOException e) {
      throw new SourceException("token endpoint unreachable: " + e.getMessage(), true, e);
    }
  }
}
