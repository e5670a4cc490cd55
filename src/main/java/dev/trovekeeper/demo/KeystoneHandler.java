package dev.trovekeeper.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * Keystone v3 under {@code /identity/v3}: issue ({@code POST}) and validate ({@code GET}) tokens,
 * rescope a token to another project ({@code "methods": ["token"]}), list the projects a token's
 * user may scope to ({@code GET /auth/projects}), show a project ({@code GET /projects/{id}}, to an
 * admin token) and list role assignments ({@code GET /role_assignments}, to an admin token).
 */
final class KeystoneHandler {

  private final IdentityStore identity;
  private final TokenView view;

  KeystoneHandler(IdentityStore identity, TokenView view) {
    this.identity = identity;
    this.view = view;
  }

  private static final String PROJECTS = "/identity/v3/projects/";

  Reply handle(Request req) {
    if (req.path().equals("/identity/v3/auth/projects") && req.method().equals("GET")) {
      return projects(req.header("X-Auth-Token"));
    }
    if (req.path().equals("/identity/v3/role_assignments") && req.method().equals("GET")) {
      return roleAssignments(req);
    }
    if (req.path().startsWith(PROJECTS) && req.method().equals("GET")) {
      return project(req.header("X-Auth-Token"), req.path().substring(PROJECTS.length()));
    }
    if (!req.path().equals("/identity/v3/auth/tokens")) {
      return error(404, "The resource could not be found.", "Not Found");
    }
    return switch (req.method()) {
      case "POST" -> issue(Json.read(req.body()));
      case "GET" -> validate(req.header("X-Auth-Token"), req.header("X-Subject-Token"));
      default -> error(405, "The method is not allowed.", "Method Not Allowed");
    };
  }

  private Reply issue(JsonNode body) {
    var auth = body.path("auth");
    var methods = auth.path("identity").path("methods");
    Optional<Token> token = Optional.empty();
    if (methods.toString().contains("application_credential")) {
      token = byAppCredential(auth.path("identity").path("application_credential"));
    } else if (methods.toString().contains("password")) {
      token = byPassword(auth.path("identity").path("password").path("user"), auth.path("scope"));
    } else if (methods.toString().contains("token")) {
      token = byToken(auth.path("identity").path("token").path("id").asText(), auth.path("scope"));
    }
    return token
        .map(t -> Reply.json(201, view.body(t)).withHeader("X-Subject-Token", t.id()))
        .orElseGet(KeystoneHandler::unauthorized);
  }

  private Optional<Token> byPassword(JsonNode u, JsonNode scope) {
    var user =
        u.hasNonNull("id")
            ? identity.user(u.get("id").asText())
            : identity.userByName(u.path("name").asText(), domainOf(u));
    if (user.isEmpty() || !user.get().password().equals(u.path("password").asText())) {
      return Optional.empty();
    }
    var p = scope.path("project");
    if (p.isMissingNode()) {
      return Optional.of(identity.issue(user.get(), null, List.of("password"), null));
    }
    var project =
        p.hasNonNull("id")
            ? identity.project(p.get("id").asText())
            : identity.projectByName(p.path("name").asText(), domainOf(p));
    return project
        .filter(pr -> !identity.rolesOf(user.get().id(), pr.id()).isEmpty())
        .map(pr -> identity.issue(user.get(), pr, List.of("password"), null));
  }

  /** Rescoping: a valid token of the user gives a token for another project of theirs. */
  private Optional<Token> byToken(String tokenId, JsonNode scope) {
    var given = identity.valid(tokenId);
    var p = scope.path("project");
    if (given.isEmpty() || !p.hasNonNull("id")) {
      return Optional.empty();
    }
    var user = given.get().user();
    return identity
        .project(p.get("id").asText())
        .filter(pr -> !identity.rolesOf(user.id(), pr.id()).isEmpty())
        .map(pr -> identity.issue(user, pr, List.of("token"), null));
  }

  /** The projects the token's user holds a role in, as Keystone's {@code GET /auth/projects}. */
  private Reply projects(String callerToken) {
    var caller = identity.valid(callerToken);
    if (caller.isEmpty()) {
      return unauthorized();
    }
    var list =
        identity.projectsOf(caller.get().user().id()).stream()
            .map(
                p ->
                    Json.obj(
                        "id", p.id(), "name", p.name(), "domain_id", p.domainId(), "enabled", true))
            .toList();
    return Reply.json(200, Json.obj("projects", list));
  }

  /**
   * {@code GET /role_assignments?user.id=&scope.project.id=&include_names=true} to an admin token:
   * the user's roles in the project.
   */
  private Reply roleAssignments(Request req) {
    var caller = identity.valid(req.header("X-Auth-Token"));
    if (caller.isEmpty()) {
      return unauthorized();
    }
    if (!caller.get().roles().contains(DemoSeed.ROLE_ADMIN)) {
      return error(
          403,
          "You are not authorized to perform the requested action: identity:list_role_assignments.",
          "Forbidden");
    }
    String userId = req.query().get("user.id");
    String projectId = req.query().get("scope.project.id");
    var list =
        identity.rolesOf(userId == null ? "" : userId, projectId == null ? "" : projectId).stream()
            .map(
                role ->
                    Json.obj(
                        "role", Json.obj("name", role),
                        "user", Json.obj("id", userId),
                        "scope", Json.obj("project", Json.obj("id", projectId))))
            .toList();
    return Reply.json(200, Json.obj("role_assignments", list));
  }

  private Optional<Token> byAppCredential(JsonNode ac) {
    return identity
        .appCredential(ac.path("id").asText())
        .filter(c -> c.secret().equals(ac.path("secret").asText()))
        .flatMap(
            c ->
                identity
                    .user(c.userId())
                    .map(
                        u ->
                            identity.issue(
                                u,
                                identity.project(c.projectId()).orElseThrow(),
                                List.of("application_credential"),
                                c.id())));
  }

  private Reply validate(String callerToken, String subjectToken) {
    if (identity.valid(callerToken).isEmpty()) {
      return unauthorized();
    }
    return identity
        .valid(subjectToken)
        .map(t -> Reply.json(200, view.body(t)).withHeader("X-Subject-Token", t.id()))
        .orElseGet(() -> error(404, "Could not find token: " + subjectToken + ".", "Not Found"));
  }

  /** As Keystone's default policy: an admin, or a member of the project itself. */
  private Reply project(String callerToken, String projectId) {
    var caller = identity.valid(callerToken);
    if (caller.isEmpty()) {
      return unauthorized();
    }
    boolean allowed =
        caller.get().roles().contains(DemoSeed.ROLE_ADMIN)
            || (caller.get().project() != null && caller.get().project().id().equals(projectId));
    if (!allowed) {
      return error(
          403,
          "You are not authorized to perform the requested action: identity:get_project.",
          "Forbidden");
    }
    return identity
        .project(projectId)
        .map(
            p ->
                Reply.json(
                    200,
                    Json.obj(
                        "project",
                        Json.obj(
                            "id", p.id(),
                            "name", p.name(),
                            "domain_id", p.domainId(),
                            "parent_id", p.domainId(),
                            "is_domain", false,
                            "enabled", true,
                            "description", ""))))
        .orElseGet(() -> error(404, "Could not find project: " + projectId + ".", "Not Found"));
  }

  private static String domainOf(JsonNode owner) {
    var d = owner.path("domain");
    return d.hasNonNull("id") ? d.get("id").asText() : d.path("name").asText(null);
  }

  static Reply unauthorized() {
    return error(401, "The request you have made requires authentication.", "Unauthorized")
        .withHeader("WWW-Authenticate", "Keystone uri=\"/identity/v3\"");
  }

  private static Reply error(int code, String message, String title) {
    return Reply.json(
        code, Json.obj("error", Json.obj("code", code, "message", message, "title", title)));
  }
}
