package dev.trovekeeper.auth;

import dev.trovekeeper.api.ErrorCode;
import dev.trovekeeper.api.KeeperException;
import dev.trovekeeper.trove.KeystoneSession;
import dev.trovekeeper.trove.ServiceCredentialsResolver;
import dev.trovekeeper.trove.TroveException;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * Asks Keystone whether a project exists ({@code GET /v3/projects/{id}} with the service token), so
 * that operators cannot keep settings for projects the cloud does not have.
 */
@ApplicationScoped
public class KeystoneProjects {

  private final KeystoneSession session;
  private final ServiceCredentialsResolver credentials;
  private final AuthConfig config;
  private final HttpClient http;

  KeystoneProjects(
      KeystoneSession session, ServiceCredentialsResolver credentials, AuthConfig config) {
    this.session = session;
    this.credentials = credentials;
    this.config = config;
    this.http = HttpClient.newBuilder().connectTimeout(config.keystoneTimeout()).build();
  }

  /**
   * Whether Keystone knows the project. Throws {@code UPSTREAM_UNAVAILABLE} when it cannot say, or
   * when the service user may not read projects (docs/keystone-roles.md).
   */
  public boolean exists(String projectId) {
    for (int attempt = 1; ; attempt++) {
      int status = send(projectId);
      switch (status) {
        case 200:
          return true;
        case 404:
          return false;
        case 401:
          if (attempt == 1) {
            session.invalidate(); // our own token was refused (revoked): renew it once
            continue;
          }
          throw unavailable("Keystone refuses the service token");
        case 403:
          throw unavailable(
              "the service user may not read Keystone projects (give it the admin role in its"
                  + " project, see docs/keystone-roles.md)");
        default:
          throw unavailable("Keystone answered " + status + " to GET /v3/projects/{id}");
      }
    }
  }

  private int send(String projectId) {
    String url =
        credentials.resolve().authUrl().replaceAll("/+$", "")
            + "/projects/"
            + URLEncoder.encode(projectId, StandardCharsets.UTF_8);
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(url))
              .timeout(config.keystoneTimeout())
              .header("Accept", "application/json")
              .header("X-Auth-Token", session.token().id())
              .GET()
              .build();
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (TroveException | IOException e) {
      throw unavailable("cannot ask Keystone about project " + projectId + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable("interrupted while asking Keystone about project " + projectId);
    }
  }

  private static KeeperException unavailable(String detail) {
    Log.warn("Project lookup failed: " + detail);
    return new KeeperException(ErrorCode.UPSTREAM_UNAVAILABLE, "Keystone is unavailable");
  }
}
