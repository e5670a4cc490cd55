package dev.trovekeeper.console;

import dev.trovekeeper.auth.Caller;
import dev.trovekeeper.auth.KeystoneSignIn;
import dev.trovekeeper.auth.KeystoneSignIn.ProjectChoice;
import io.quarkus.logging.Log;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.List;

/**
 * The signed hand-off link a cloud console embeds: {@code GET
 * /console/handoff?project=&user=&ts=&sig=} (docs/OPERATIONS.md "Console hand-off link"). A valid,
 * fresh, unused link signs the user in with the roles Keystone gives them in the project.
 */
@Path("/console/handoff")
@Produces(MediaType.TEXT_HTML)
public class HandoffResource {

  @Location("console/handoff.html")
  Template handoff;

  private final ConsoleConfig config;
  private final KeystoneSignIn keystone;
  private final ConsoleSessions sessions;
  private final ConsoleAccess access;
  private final Clock clock;

  HandoffResource(
      ConsoleConfig config,
      KeystoneSignIn keystone,
      ConsoleSessions sessions,
      ConsoleAccess access,
      Clock clock) {
    this.config = config;
    this.keystone = keystone;
    this.sessions = sessions;
    this.access = access;
    this.clock = clock;
  }

  @GET
  public Response handOff(
      @QueryParam("project") String project,
      @QueryParam("user") String user,
      @QueryParam("ts") String ts,
      @QueryParam("sig") String sig) {
    if (config.handoff().secret().isEmpty()) {
      return refused(503, "Hand-off links are not configured on this service.");
    }
    var verdict =
        HandoffSignature.check(
            config.handoff().secret().get().reveal(),
            project,
            user,
            ts,
            sig,
            clock.instant(),
            config.handoff().validity());
    switch (verdict) {
      case MALFORMED:
        return refused(400, "The hand-off link is incomplete or malformed.");
      case BAD_SIGNATURE:
        Log.infof("Console hand-off refused: bad signature (project %s, user %s)", project, user);
        return refused(403, "The hand-off link's signature is not valid.");
      case EXPIRED:
        return refused(403, "The hand-off link has expired. Open it again from your console.");
      default:
        break;
    }
    // A link works once on the whole fleet: its signature is remembered in the database for as
    // long as the link could be valid (its timestamp may lie up to the validity in the future).
    if (!sessions.firstUseOfHandoff(sig, config.handoff().validity().multipliedBy(2))) {
      return refused(403, "The hand-off link was used already. Open it again from your console.");
    }
    Caller caller =
        ConsoleFailure.call(() -> keystone.roleHolder(user, user, project))
            .orElseThrow(
                () -> new ConsoleFailure(403, "Forbidden", "You have no role in that project."));
    String id = sessions.open(caller, null, List.of(new ProjectChoice(project, project)), null);
    // A page, not a redirect: a SameSite=Strict cookie set on a cross-site navigation's redirect
    // would not be sent with the redirected request; this page's own link is same-site.
    return Response.ok(handoff.data("refused", false).data("message", null).render())
        .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
        .cookie(access.cookie(ConsoleAccess.COOKIE, id))
        .build();
  }

  private Response refused(int status, String message) {
    return Response.status(status)
        .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
        .entity(handoff.data("refused", true).data("message", message).render())
        .build();
  }
}
