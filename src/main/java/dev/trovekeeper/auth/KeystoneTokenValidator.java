package dev.trovekeeper.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trovekeeper.api.ErrorCode;
import dev.trovekeeper.api.KeeperException;
import dev.trovekeeper.trove.KeystoneSession;
import dev.trovekeeper.trove.ServiceCredentialsResolver;
import dev.trovekeeper.trove.TroveException;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

/**
 * Asks Keystone about a tenant's token: {@code GET /v3/auth/tokens} with the service token in
 * {@code X-Auth-Token} and the tenant's in {@code X-Subject-Token}.
 */
@ApplicationScoped
public class KeystoneTokenValidator {

  private final KeystoneSession session;
  private final ServiceCredentialsResolver credentials;
  private final AuthConfig config;
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http;
  private volatile String authUrl;

  KeystoneTokenValidator(
      KeystoneSession session, ServiceCredentialsResolver credentials, AuthConfig config) {
    this.session = session;
    this.credentials = credentials;
    this.config = config;
    this.http = HttpClient.newBuilder().connectTimeout(config.keystoneTimeout()).build();
  }

  /**
   * The token's user, project and roles, or empty when Keystone does not know it (unknown, expired
   * or revoked). Throws {@code UPSTREAM_UNAVAILABLE} when Keystone cannot answer.
   */
  public Optional<KeystoneToken> validate(String subjectToken) {
    for (int attempt = 1; ; attempt++) {
      HttpResponse<String> response = send(subjectToken);
      switch (response.statusCode()) {
        case 200:
          return Optional.of(parse(response.body()));
        case 404:
          return Optional.empty();
        case 401:
          // Keystone refused our own (service) token, e.g. revoked: renew it once.
          if (attempt == 1) {
            session.invalidate();
            continue;
          }
          throw unavailable("Keystone refuses the service token", null);
        default:
          throw unavailable("Keystone answered " + response.statusCode(), null);
      }
    }
  }

  private HttpResponse<String> send(String subjectToken) {
    try {
      String serviceToken = session.token().id();
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(authUrl() + "/auth/tokens"))
              .timeout(config.keystoneTimeout())
              .header("Accept", "application/json")
              .header("X-Auth-Token", serviceToken)
              .header("X-Subject-Token", subjectToken)
              .GET()
              .build();
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (TroveException | IOException e) {
      throw unavailable("cannot validate the token with Keystone: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable("interrupted while validating the token", e);
    }
  }

  private KeystoneToken parse(String body) {
    try {
      return KeystoneToken.parse(json.readTree(body));
    } catch (IOException | RuntimeException e) {
      throw unavailable("Keystone's token answer cannot be read", e);
    }
  }

  private String authUrl() {
    String url = authUrl;
    if (url == null) {
      url = credentials.resolve().authUrl().replaceAll("/+$", "");
      authUrl = url;
    }
    return url;
  }

  private static KeeperException unavailable(String detail, Exception cause) {
    Log.warn("Token validation failed: " + detail, cause);
    return new KeeperException(ErrorCode.UPSTREAM_UNAVAILABLE, "Keystone is unavailable");
  }
}
