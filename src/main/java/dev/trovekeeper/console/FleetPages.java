package dev.trovekeeper.console;

import dev.trovekeeper.api.Cursor;
import dev.trovekeeper.api.Page;
import dev.trovekeeper.audit.AuditEntry;
import dev.trovekeeper.audit.AuditService;
import dev.trovekeeper.operator.QueueService;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The operator's run queue and audit log (operator project admins only). */
@Path("/console/operator")
@Produces(MediaType.TEXT_HTML)
public class FleetPages {

  static final int AUDIT_PAGE = 50;

  @Location("console/queue.html")
  Template queue;

  @Location("console/audit.html")
  Template audit;

  private final ConsoleAccess access;
  private final QueueService queues;
  private final AuditService audits;

  FleetPages(ConsoleAccess access, QueueService queues, AuditService audits) {
    this.access = access;
    this.queues = queues;
    this.audits = audits;
  }

  @GET
  @Path("/queue")
  public String queue(@Context HttpHeaders headers) {
    ConsoleSession session = operator(headers);
    return queue.data("session", session).data("q", queues.report()).render();
  }

  @GET
  @Path("/audit")
  public String audit(
      @Context HttpHeaders headers,
      @QueryParam("project") String project,
      @QueryParam("cursor") String cursor) {
    ConsoleSession session = operator(headers);
    String scope = project == null || project.isBlank() ? null : project.trim();
    List<AuditEntry> fetched =
        ConsoleFailure.call(() -> audits.list(scope, Cursor.decode(cursor), AUDIT_PAGE + 1));
    Page<AuditEntry> page = Page.of(fetched, AUDIT_PAGE, e -> e.publicId);
    String next =
        page.nextCursor() == null
            ? null
            : "?cursor="
                + InstancePages.encode(page.nextCursor())
                + (scope == null ? "" : "&project=" + InstancePages.encode(scope));
    return audit
        .data("session", session)
        .data("entries", page.items())
        .data("project", scope)
        .data("next", next)
        .render();
  }

  private ConsoleSession operator(HttpHeaders headers) {
    ConsoleSession session = access.require(headers);
    ConsoleFailure.call(() -> session.caller().requireOperator());
    return session;
  }
}
