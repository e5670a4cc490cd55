package dev.trovekeeper.console;

import dev.trovekeeper.inventory.InventoryService;
import dev.trovekeeper.operator.AdminActor;
import dev.trovekeeper.operator.CoverageCsv;
import dev.trovekeeper.operator.CoverageReport;
import dev.trovekeeper.operator.CoverageRow;
import dev.trovekeeper.operator.CoverageService;
import dev.trovekeeper.operator.PauseService;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The operator's page: the fleet's pause and the projects with instances, each with its pause (who
 * and when), a pause / resume button and a link to its settings. Only the operator project's admins
 * (as {@code Caller.requireOperator} decides).
 */
@Path("/console/operator")
@Produces(MediaType.TEXT_HTML)
public class OperatorPages {

  @Location("console/operator.html")
  Template operator;

  @Location("console/coverage.html")
  Template coverage;

  /** Rows shown on the coverage page; the CSV has them all. */
  static final int COVERAGE_ROWS = 500;

  private final ConsoleAccess access;
  private final InventoryService inventory;
  private final PauseService pauses;
  private final CoverageService coverageReports;

  OperatorPages(
      ConsoleAccess access,
      InventoryService inventory,
      PauseService pauses,
      CoverageService coverageReports) {
    this.access = access;
    this.inventory = inventory;
    this.pauses = pauses;
    this.coverageReports = coverageReports;
  }

  /** Fleet coverage: totals per protection state and every live target (first rows shown). */
  @GET
  @Path("/coverage")
  public String coverage(@Context HttpHeaders headers) {
    ConsoleSession session = operatorSession(access.require(headers));
    CoverageReport report = coverageReports.report(null);
    List<CoverageRow> rows = report.targets();
    return coverage
        .data("session", session)
        .data("report", report)
        .data("rows", rows.size() > COVERAGE_ROWS ? rows.subList(0, COVERAGE_ROWS) : rows)
        .data("cut", rows.size() > COVERAGE_ROWS)
        .render();
  }

  /** The same report as CSV ({@code operator.CoverageCsv}, as {@code /v1/admin/coverage}). */
  @GET
  @Path("/coverage.csv")
  @Produces("text/csv")
  public Response coverageCsv(@Context HttpHeaders headers) {
    operatorSession(access.require(headers));
    return Response.ok(CoverageCsv.write(coverageReports.report(null)))
        .type("text/csv; charset=UTF-8")
        .header("Content-Disposition", "attachment; filename=\"coverage.csv\"")
        .build();
  }

  @GET
  public String show(@Context HttpHeaders headers) {
    ConsoleSession session = operatorSession(access.require(headers));
    Set<String> projects = new TreeSet<>(inventory.countLiveInstancesByProject().keySet());
    return operator
        .data("session", session)
        .data("fleet", pauses.fleet())
        .data("projects", pauses.projectPauses(projects))
        .data("counts", inventory.countLiveInstancesByProject())
        .render();
  }

  @POST
  @Path("/projects/{projectId}/{action:pause|resume}")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response pause(
      @Context HttpHeaders headers,
      @PathParam("projectId") String projectId,
      @PathParam("action") String action,
      @FormParam("csrf") String csrf) {
    ConsoleSession session = operatorSession(access.requireForm(headers, csrf));
    if (inventory.countLiveInstancesByProject().get(projectId) == null) {
      throw ConsoleFailure.notFound();
    }
    var caller = session.caller();
    ConsoleFailure.call(
        () ->
            pauses.setProjectPaused(
                new AdminActor(caller.userId(), caller.projectId(), InstancePages.requestId()),
                projectId,
                action.equals("pause")));
    return Response.seeOther(URI.create("/console/operator")).build();
  }

  /** Opens the settings of any project by its id (one without live instances is not listed). */
  @GET
  @Path("/settings")
  public Response settings(@Context HttpHeaders headers, @QueryParam("project") String project) {
    operatorSession(access.require(headers));
    String id = project == null ? "" : project.trim();
    return Response.seeOther(
            URI.create(
                id.isEmpty()
                    ? "/console/operator"
                    : "/console/operator/settings/" + InstancePages.encode(id)))
        .build();
  }

  /** Pauses or resumes the whole fleet ({@code PauseService}, as {@code /v1/admin/pause}). */
  @POST
  @Path("/fleet/{action:pause|resume}")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response fleet(
      @Context HttpHeaders headers,
      @PathParam("action") String action,
      @FormParam("csrf") String csrf) {
    var caller = operatorSession(access.requireForm(headers, csrf)).caller();
    pauses.setFleetPaused(
        new AdminActor(caller.userId(), caller.projectId(), InstancePages.requestId()),
        action.equals("pause"));
    return Response.seeOther(URI.create("/console/operator")).build();
  }

  static ConsoleSession operatorSession(ConsoleSession session) {
    ConsoleFailure.call(() -> session.caller().requireOperator());
    return session;
  }
}
