package dev.trovekeeper.console;

import dev.trovekeeper.auth.Role;
import dev.trovekeeper.dataset.DatasetService;
import dev.trovekeeper.dataset.DatasetViews;
import dev.trovekeeper.diff.DiffRequest;
import dev.trovekeeper.diff.DiffService;
import dev.trovekeeper.inventory.Target;
import dev.trovekeeper.run.HistoryFilter;
import dev.trovekeeper.run.InstanceBackupService;
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

/**
 * The tenant's datasets (tenant data): the list, one dataset's page with its backups and runs, back
 * up now. Through the same services as {@code /v1/datasets}.
 */
@Path("/console/datasets")
@Produces(MediaType.TEXT_HTML)
public class DatasetPages {

  @Location("console/datasets.html")
  Template datasets;

  @Location("console/dataset.html")
  Template dataset;

  private final ConsoleAccess access;
  private final DatasetViews views;
  private final DatasetService service;
  private final InstanceBackupService backups;
  private final DiffService diffs;

  DatasetPages(
      ConsoleAccess access,
      DatasetViews views,
      DatasetService service,
      InstanceBackupService backups,
      DiffService diffs) {
    this.access = access;
    this.views = views;
    this.service = service;
    this.backups = backups;
    this.diffs = diffs;
  }

  /**
   * Compares a backup with the live data, or with another backup of the dataset when {@code
   * otherBackupId} names one (a DIFF run); the diff viewer follows it.
   */
  @POST
  @Path("/{datasetId}/diffs")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response compare(
      @Context HttpHeaders headers,
      @PathParam("datasetId") String datasetId,
      @FormParam("csrf") String csrf,
      @FormParam("backupId") String backupId,
      @FormParam("otherBackupId") String otherBackupId) {
    ConsoleSession session = access.requireForm(headers, csrf);
    if (backupId == null || !backupId.matches(DiffPages.UUID)) {
      throw ConsoleFailure.notFound();
    }
    String other = otherBackupId == null || otherBackupId.isBlank() ? null : otherBackupId;
    if (other != null && !other.matches(DiffPages.UUID)) {
      throw new ConsoleFailure(
          400, "Bad request", "Compare with the live data or with a backup of the list.");
    }
    var run =
        ConsoleFailure.call(
            () ->
                diffs.request(
                    session.caller(),
                    datasetId,
                    new DiffRequest(backupId, other),
                    InstancePages.requestId()));
    return Response.seeOther(URI.create("/console/diffs/" + InstancePages.encode(run.id())))
        .build();
  }

  @GET
  public String list(@Context HttpHeaders headers, @QueryParam("cursor") String cursor) {
    ConsoleSession session = access.require(headers);
    var caller = session.caller();
    var page =
        ConsoleFailure.call(
            () -> views.list(caller, String.valueOf(InstancePages.PAGE_SIZE), cursor, null, null));
    return datasets
        .data("session", session)
        .data("rows", page.items())
        .data(
            "next",
            page.nextCursor() == null ? null : "?cursor=" + InstancePages.encode(page.nextCursor()))
        .render();
  }

  @GET
  @Path("/{datasetId}")
  public String show(
      @Context HttpHeaders headers,
      @PathParam("datasetId") String datasetId,
      @QueryParam("run") String runId) {
    return page(access.require(headers), datasetId, runId, null);
  }

  /**
   * Asks the project owner by mail to confirm deleting the dataset ({@code
   * DatasetService.requestDeletion}, as {@code DELETE /v1/datasets/{id}}): nothing is deleted until
   * the owner opens the signed, single-use link and confirms.
   */
  @POST
  @Path("/{datasetId}/deletions")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public String requestDeletion(
      @Context HttpHeaders headers,
      @PathParam("datasetId") String datasetId,
      @FormParam("csrf") String csrf) {
    ConsoleSession session = access.requireForm(headers, csrf);
    var requested = ConsoleFailure.call(() -> service.requestDeletion(session.caller(), datasetId));
    String message =
        "Deletion of the dataset requested: the project owner (%s) was mailed a link to confirm it before %s. Nothing is deleted until then."
            .formatted(requested.sentTo(), ConsoleFormats.time(requested.expiresAt()));
    return page(session, datasetId, null, message);
  }

  private String page(ConsoleSession session, String datasetId, String runId, String message) {
    var caller = session.caller();
    var response = ConsoleFailure.call(() -> views.show(caller, datasetId));
    Target target = ConsoleFailure.call(() -> service.target(caller, datasetId));
    var runs =
        ConsoleFailure.call(
            () -> backups.runs(caller, target, HistoryFilter.of(null, null, null, null, "10")));
    var active =
        runId == null || runId.isBlank()
            ? null
            : ConsoleFailure.call(() -> backups.run(caller, runId));
    var backupList =
        ConsoleFailure.call(
                () ->
                    backups.backups(caller, target, HistoryFilter.of(null, null, null, null, "50")))
            .items();
    return dataset
        .data("session", session)
        .data("d", response)
        .data("message", message)
        .data("backups", backupList)
        .data("completed", backupList.stream().filter(b -> "COMPLETED".equals(b.status())).toList())
        .data("runs", runs.items())
        .data(
            "live",
            LiveRun.of(
                active,
                active == null ? null : "Run " + active.id(),
                "/console/datasets/" + InstancePages.encode(datasetId),
                "backups-section",
                "runs-section"))
        .render();
  }

  @POST
  @Path("/{datasetId}/backups")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response backUpNow(
      @Context HttpHeaders headers,
      @PathParam("datasetId") String datasetId,
      @FormParam("csrf") String csrf) {
    ConsoleSession session = access.requireForm(headers, csrf);
    var caller = ConsoleFailure.call(() -> session.caller().require(Role.MEMBER));
    Target target = ConsoleFailure.call(() -> service.target(caller, datasetId));
    var run =
        ConsoleFailure.call(() -> backups.runNow(caller, target, InstancePages.requestId()).run());
    return Response.seeOther(runPage(datasetId, run.id())).build();
  }

  /** The dataset's page following one of its runs live. */
  static URI runPage(String datasetId, String runId) {
    return URI.create(
        "/console/datasets/"
            + InstancePages.encode(datasetId)
            + "?run="
            + InstancePages.encode(runId));
  }
}
