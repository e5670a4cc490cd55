package dev.trovekeeper.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Signs console users in with Keystone: password authentication scoped to a project, rescoping the
 * user's token to another of their projects, the list of their projects, and (for a signed
 * hand-off) a user's roles in a project as the service user reads them. Tokens are never logged.
 */
@ApplicationScoped
public class KeystoneSignIn {

  /** A project-scoped Keystone token of a user and who it makes the caller. */
  public record SignedIn(String token, Caller caller, Instant expiresAt) {

    @Override
    public String toString() {
      return "SignedIn[" + caller + ", expiresAt=" + expiresAt + "]";
    }
  }

  /** A project a user may switch to. */
  public record ProjectChoice(String id, String name) {}

  private final ServiceCredentialsResolver credentials;
  private final KeystoneSession session;
  private final OperatorProject operators;
  private final AuthConfig config;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();

  KeystoneSignIn(
      ServiceCredentialsResolver credentials,
      KeystoneSession session,
      OperatorProject operators,
      AuthConfig config) {
    this.credentials = credentials;
    this.session = session;
    this.operators = operators;
    this.config = config;
    this.http = HttpClient.newBuilder().connectTimeout(config.keystoneTimeout()).build();
  }

  /**
   * Password authentication scoped to {@code project} (a name in {@code domain}, or an id). 401
   * {@code UNAUTHENTICATED} for wrong credentials or a project the user has no role in.
   */
  public SignedIn password(String user, String password, String domain, String project) {
    ObjectNode body = json.createObjectNode();
    ObjectNode identity = body.putObject("auth").putObject("identity");
    identity.putArray("methods").add("password");
    ObjectNode u = identity.putObject("password").putObject("user");
    u.put("name", user).put("password", password).putObject("domain").put("name", domain);
    ObjectNode p = body.with("auth").putObject("scope").putObject("project");
    p.put("name", project).putObject("domain").put("name", domain);
    return issue(body);
  }

  /** A token of the same user scoped to {@code projectId}; 401 when they have no role there. */
  public SignedIn rescope(String token, String projectId) {
    ObjectNode body = json.createObjectNode();
    ObjectNode identity = body.putObject("auth").putObject("identity");
    identity.putArray("methods").add("token");
    identity.putObject("token").put("id", token);
    body.with("auth").putObject("scope").putObject("project").put("id", projectId);
    return issue(body);
  }

  /** The projects the token's user may scope to ({@code GET /v3/auth/projects}). */
  public List<ProjectChoice> projects(String token) {
    HttpResponse<String> response = send(get("/auth/projects", token));
    if (response.statusCode() != 200) {
      throw unavailable("Keystone answered " + response.statusCode() + " to GET /auth/projects");
    }
    List<ProjectChoice> out = new ArrayList<>();
    read(response.body())
        .path("projects")
        .forEach(p -> out.add(new ProjectChoice(p.path("id").asText(), p.path("name").asText())));
    return out;
  }

  /**
   * The caller a trusted hand-off makes of {@code userId} in {@code projectId}: their roles there
   * as Keystone's role assignments say (read with the service token); empty when they hold none.
   */
  public Optional<Caller> roleHolder(String userId, String userName, String projectId) {
    String query =
        "/role_assignments?include_names=true&user.id="
            + encode(userId)
            + "&scope.project.id="
            + encode(projectId);
    String serviceToken;
    try {
      serviceToken = session.token().id();
    } catch (TroveException e) {
      throw unavailable("no service token: " + e.getMessage());
    }
    HttpResponse<String> response = send(get(query, serviceToken));
    if (response.statusCode() != 200) {
      throw unavailable("Keystone answered " + response.statusCode() + " to GET /role_assignments");
    }
    List<String> roles = new ArrayList<>();
    read(response.body())
        .path("role_assignments")
        .forEach(a -> roles.add(a.path("role").path("name").asText()));
    if (roles.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(Caller.of(userId, userName, projectId, roles, operators.is(projectId)));
  }

  private SignedIn issue(ObjectNode body) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(authUrl() + "/auth/tokens"))
            .timeout(config.keystoneTimeout())
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build();
    HttpResponse<String> response = send(request);
    if (response.statusCode() == 401 || response.statusCode() == 404) {
      throw new KeeperException(
          ErrorCode.UNAUTHENTICATED,
          "the user name, password, domain or project is wrong, or the user has no role there");
    }
    String token = response.headers().firstValue("X-Subject-Token").orElse(null);
    if (response.statusCode() != 201 || token == null) {
      throw unavailable("Keystone answered " + response.statusCode() + " to POST /auth/tokens");
    }
    KeystoneToken parsed = KeystoneToken.parse(read(response.body()));
    if (parsed.projectId() == null) {
      throw new KeeperException(ErrorCode.UNAUTHENTICATED, "the token is not scoped to a project");
    }
    return new SignedIn(token, parsed.caller(operators), parsed.expiresAt());
  }

  private HttpRequest get(String path, String token) {
    return HttpRequest.newBuilder(URI.create(authUrl() + path))
        .timeout(config.keystoneTimeout())
        .header("Accept", "application/json")
        .header("X-Auth-Token", token)
        .GET()
        .build();
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException | TroveException e) {
      throw unavailable("cannot reach Keystone: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable("interrupted while asking Keystone");
    }
  }

  private JsonNode read(String body) {
    try {
      return json.readTree(body);
    } catch (IOException e) {
      throw unavailable("Keystone's answer cannot be read");
    }
  }

  private String authUrl() {
    return credentials.resolve().authUrl().replaceAll("/+$", "");
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static KeeperException unavailable(String detail) {
    Log.warn("Console sign-in: " + detail);
    return new KeeperException(ErrorCode.UPSTREAM_UNAVAILABLE, "Keystone is unavailable");
  }
}
