package dev.trovekeeper.console;

import dev.trovekeeper.dataset.DatasetResponse;
import dev.trovekeeper.dataset.DatasetViews;
import dev.trovekeeper.migration.MigrationPlan;
import dev.trovekeeper.migration.MigrationRequest;
import dev.trovekeeper.migration.MigrationService;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
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
import java.util.List;

/**
 * Migrating a dataset backup into another tenant (another dataset of the project): choose the
 * target, see the dry-run plan (per entity the rows to create and update, the cycles and how they
 * are broken, the natural-key collisions), then start it; the target dataset's page follows the
 * run's progress. Through {@code migration.MigrationService}, as {@code
 * /v1/datasets/{id}/migrations[/plan]}.
 */
@Path("/console/datasets/{datasetId}/migration")
@Produces(MediaType.TEXT_HTML)
public class MigrationPages {

  @Location("console/migration.html")
  Template migration;

  private final ConsoleAccess access;
  private final DatasetViews datasets;
  private final MigrationService migrations;

  MigrationPages(ConsoleAccess access, DatasetViews datasets, MigrationService migrations) {
    this.access = access;
    this.datasets = datasets;
    this.migrations = migrations;
  }

  @GET
  public String choose(
      @Context HttpHeaders headers,
      @PathParam("datasetId") String datasetId,
      @QueryParam("backup") String backupId) {
    return page(access.require(headers), datasetId, uuid(backupId), null, null)
        .data("notice", null)
        .render();
  }

  /** {@code action=plan} shows the dry-run plan; {@code action=start} starts the migration. */
  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response submit(
      @Context HttpHeaders headers,
      @PathParam("datasetId") String datasetId,
      @FormParam("csrf") String csrf,
      @FormParam("backupId") String backupId,
      @FormParam("targetDatasetId") String targetDatasetId,
      @FormParam("plannedTargetId") String plannedTargetId,
      @FormParam("action") String action) {
    ConsoleSession session = access.requireForm(headers, csrf);
    if (targetDatasetId == null || targetDatasetId.isBlank()) {
      throw new ConsoleFailure(400, "Bad request", "Choose the dataset to migrate into.");
    }
    var request = new MigrationRequest(uuid(backupId), uuid(targetDatasetId));
    boolean planned = targetDatasetId.equals(plannedTargetId);
    if ("start".equals(action) && planned) {
      var run =
          ConsoleFailure.call(
              () ->
                  migrations.start(
                      session.caller(), datasetId, request, InstancePages.requestId()));
      return Response.seeOther(DatasetPages.runPage(targetDatasetId, run.id())).build();
    }
    var plan = ConsoleFailure.call(() -> migrations.plan(session.caller(), datasetId, request));
    // "Start" with another dataset selected than the one the shown plan was for: nothing starts,
    // the plan for the selected one is shown, to be confirmed in turn.
    String notice =
        "start".equals(action)
            ? "The plan shown was for another dataset. This is the plan for the one selected:"
                + " nothing has started; start again to migrate into it."
            : null;
    return Response.ok(
            page(session, datasetId, request.backupId(), targetDatasetId, plan)
                .data("notice", notice)
                .render())
        .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
        .build();
  }

  private TemplateInstance page(
      ConsoleSession session,
      String datasetId,
      String backupId,
      String targetId,
      MigrationPlan plan) {
    var caller = session.caller();
    var source = ConsoleFailure.call(() -> datasets.show(caller, datasetId));
    List<DatasetResponse> others =
        ConsoleFailure.call(() -> datasets.list(caller, "500", null, null, null)).items().stream()
            .filter(d -> !d.id().equals(datasetId) && d.projectId().equals(source.projectId()))
            .toList();
    return migration
        .data("session", session)
        .data("d", source)
        .data("backupId", backupId)
        .data("others", others)
        .data("targetId", targetId)
        .data("plan", plan);
  }

  /** An id typed into a URL or form: anything but a UUID is nobody's ("not found"). */
  private static String uuid(String id) {
    if (id == null || !id.matches(DiffPages.UUID)) {
      throw ConsoleFailure.notFound();
    }
    return id;
  }
}
