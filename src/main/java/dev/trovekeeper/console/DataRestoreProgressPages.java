package dev.trovekeeper.console;

import dev.trovekeeper.datarestore.DataRestoreService;
import dev.trovekeeper.run.InstanceBackupService;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/**
 * A dataset restore's page: live progress while it runs, then its counts and its error log, paged.
 * Through {@code datarestore.DataRestoreService}, as {@code /v1/dataset-restores/{id}}.
 */
@Path("/console/dataset-restores/{restoreId}")
@Produces(MediaType.TEXT_HTML)
public class DataRestoreProgressPages {

  static final int ERROR_PAGE = 20;

  @Location("console/restore.html")
  Template restore;

  private final ConsoleAccess access;
  private final DataRestoreService restores;
  private final InstanceBackupService runs;

  DataRestoreProgressPages(
      ConsoleAccess access, DataRestoreService restores, InstanceBackupService runs) {
    this.access = access;
    this.restores = restores;
    this.runs = runs;
  }

  @GET
  public String show(
      @Context HttpHeaders headers,
      @PathParam("restoreId") String restoreId,
      @QueryParam("cursor") String cursor) {
    ConsoleSession session = access.require(headers);
    var caller = session.caller();
    var summary = ConsoleFailure.call(() -> restores.summary(caller, restoreId));
    var run = ConsoleFailure.call(() -> runs.run(caller, restoreId));
    var errors =
        ConsoleFailure.call(
            () ->
                restores.errors(
                    caller,
                    restoreId,
                    String.valueOf(ERROR_PAGE),
                    cursor == null || cursor.isBlank() ? null : cursor));
    return restore
        .data("session", session)
        .data("r", summary)
        .data("selection", RestoreObjects.describe(summary.selection()))
        .data("run", run)
        .data(
            "live",
            RunEvents.finished(run)
                ? null
                : LiveRun.of(
                    run,
                    "Restoring…",
                    "/console/dataset-restores/" + InstancePages.encode(restoreId),
                    "restore-result"))
        .data("errors", errors.items())
        .data(
            "next",
            errors.nextCursor() == null
                ? null
                : "?cursor=" + InstancePages.encode(errors.nextCursor()))
        .render();
  }
}
