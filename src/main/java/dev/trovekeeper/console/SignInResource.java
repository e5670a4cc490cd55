package dev.trovekeeper.console;

import dev.trovekeeper.api.KeeperException;
import dev.trovekeeper.auth.KeystoneSignIn;
import dev.trovekeeper.auth.KeystoneSignIn.ProjectChoice;
import dev.trovekeeper.auth.KeystoneSignIn.SignedIn;
import io.quarkus.logging.Log;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * Sign-in with Keystone credentials, sign-out and the project switcher. The sign-in form is
 * protected by a double-submit CSRF cookie (no session exists yet); the others by the session's
 * token.
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class SignInResource {

  static final String SIGN_IN_CSRF = "tk_signin";
  static final URI HOME = URI.create("/console/instances");

  private static final SecureRandom RANDOM = new SecureRandom();

  @Location("console/signin.html")
  Template signin;

  private final KeystoneSignIn keystone;
  private final ConsoleSessions sessions;
  private final ConsoleAccess access;

  SignInResource(KeystoneSignIn keystone, ConsoleSessions sessions, ConsoleAccess access) {
    this.keystone = keystone;
    this.sessions = sessions;
    this.access = access;
  }

  @GET
  public Response home(@Context HttpHeaders headers) {
    boolean signedIn = sessions.find(access.sessionId(headers)).isPresent();
    return Response.seeOther(signedIn ? HOME : ConsoleAccess.SIGN_IN).build();
  }

  @GET
  @Path("/signin")
  public Response form(@QueryParam("expired") String expired, @QueryParam("out") String out) {
    String message = null;
    if ("true".equals(expired)) {
      message = "Your session has expired. Please sign in again.";
    } else if ("true".equals(out)) {
      message = "You have signed out.";
    }
    return page(200, message, null, null, null);
  }

  @POST
  @Path("/signin")
  @jakarta.ws.rs.Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response signIn(
      @Context HttpHeaders headers,
      @FormParam("csrf") String csrf,
      @FormParam("user") String user,
      @FormParam("password") String password,
      @FormParam("domain") String domain,
      @FormParam("project") String project) {
    var cookie = headers.getCookies().get(SIGN_IN_CSRF);
    if (cookie == null || !ConsoleAccess.same(cookie.getValue(), csrf)) {
      return page(403, "The form was out of date; please try again.", user, domain, project);
    }
    if (blank(user) || blank(password) || blank(project)) {
      return page(400, "Enter a user name, password and project.", user, domain, project);
    }
    String domainName = blank(domain) ? "Default" : domain.trim();
    SignedIn signedIn;
    try {
      signedIn = keystone.password(user.trim(), password, domainName, project.trim());
    } catch (KeeperException e) {
      Log.infof("Console sign-in refused for user %s: %s", user.trim(), e.code());
      return page(e.code().status(), e.getMessage(), user, domain, project);
    }
    String id =
        sessions.open(
            signedIn.caller(), signedIn.token(), projects(signedIn), signedIn.expiresAt());
    return Response.seeOther(HOME)
        .cookie(access.cookie(ConsoleAccess.COOKIE, id), access.expired(SIGN_IN_CSRF))
        .build();
  }

  @POST
  @Path("/signout")
  @jakarta.ws.rs.Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response signOut(@Context HttpHeaders headers, @FormParam("csrf") String csrf) {
    access.requireForm(headers, csrf);
    sessions.close(access.sessionId(headers));
    return Response.seeOther(URI.create("/console/signin?out=true"))
        .cookie(access.expired(ConsoleAccess.COOKIE))
        .build();
  }

  /** Switches to another of the user's projects: a new token, a new session (a new id). */
  @POST
  @Path("/project")
  @jakarta.ws.rs.Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response switchProject(
      @Context HttpHeaders headers,
      @FormParam("csrf") String csrf,
      @FormParam("project") String project) {
    ConsoleSession session = access.requireForm(headers, csrf);
    if (session.keystoneToken() == null
        || session.projects().stream().noneMatch(p -> p.id().equals(project))) {
      throw new ConsoleFailure(400, "Bad request", "You cannot switch to that project here.");
    }
    SignedIn signedIn =
        ConsoleFailure.call(() -> keystone.rescope(session.keystoneToken(), project));
    String id =
        sessions.open(
            signedIn.caller(), signedIn.token(), session.projects(), signedIn.expiresAt());
    sessions.close(access.sessionId(headers));
    return Response.seeOther(HOME).cookie(access.cookie(ConsoleAccess.COOKIE, id)).build();
  }

  /** The user's projects for the switcher; without Keystone's list, the signed-in one alone. */
  private List<ProjectChoice> projects(SignedIn signedIn) {
    try {
      return keystone.projects(signedIn.token());
    } catch (KeeperException e) {
      String project = signedIn.caller().projectId();
      return List.of(new ProjectChoice(project, project));
    }
  }

  private Response page(int status, String message, String user, String domain, String project) {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    String csrf = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    TemplateInstance page =
        signin
            .data("csrf", csrf)
            .data("message", message)
            .data("error", status >= 400)
            .data("user", user)
            .data("domain", blank(domain) ? "Default" : domain)
            .data("project", project);
    return Response.status(status)
        .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
        .entity(page.render())
        .cookie(access.cookie(SIGN_IN_CSRF, csrf))
        .build();
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
