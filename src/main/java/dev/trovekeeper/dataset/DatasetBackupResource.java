package dev.trovekeeper.dataset;

import dev.trovekeeper.api.Page;
import dev.trovekeeper.api.PublicUrl;
import dev.trovekeeper.api.RequestIdFilter;
import dev.trovekeeper.auth.CallerContext;
import dev.trovekeeper.auth.Role;
import dev.trovekeeper.run.BackupResponse;
import dev.trovekeeper.run.HistoryFilter;
import dev.trovekeeper.run.InstanceBackupService;
import dev.trovekeeper.run.RunResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Backups and runs of one dataset of the caller's project, and a backup now: the same service and
 * rules as an instance's (queued run reused, daily cap, audit); progress at {@code /v1/runs/{id}}.
 */
@Path("/v1/datasets/{datasetId}")
@Produces(MediaType.APPLICATION_JSON)
public class DatasetBackupResource {

  private final InstanceBackupService backups;
  private final DatasetService datasets;
  private final CallerContext context;
  private final PublicUrl publicUrl;

  DatasetBackupResource(
      InstanceBackupService backups,
      DatasetService datasets,
      CallerContext context,
      PublicUrl publicUrl) {
    this.backups = backups;
    this.datasets = datasets;
    this.context = context;
    this.publicUrl = publicUrl;
  }

  @POST
  @Path("/backups")
  @Operation(
      summary =
          "Back the dataset up now (member role); follow the run at Location. A run of the"
              + " dataset already queued (not started) is answered instead of a second one")
  @APIResponse(
      responseCode = "202",
      description = "a run was queued",
      content = @Content(schema = @Schema(implementation = RunResponse.class)))
  @APIResponse(
      responseCode = "200",
      description = "a run of the dataset was already queued: that run",
      content = @Content(schema = @Schema(implementation = RunResponse.class)))
  public Response runNow(
      @Parameter(description = "dataset id (a UUID)") @PathParam("datasetId") String datasetId,
      @Context ContainerRequestContext http) {
    var caller = context.caller().require(Role.MEMBER);
    InstanceBackupService.RunNow result =
        backups.runNow(caller, datasets.target(caller, datasetId), RequestIdFilter.of(http));
    return Response.status(result.created() ? 202 : 200)
        .entity(result.run())
        .location(publicUrl.of("/v1/runs/" + result.run().id()))
        .build();
  }

  @GET
  @Path("/backups")
  @Operation(summary = "The dataset's backups, newest first (reader role)")
  public Page<BackupResponse> backups(
      @Parameter(description = "dataset id (a UUID)") @PathParam("datasetId") String datasetId,
      @Parameter(
              description =
                  "only backups with this status: NEW, BUILDING, SAVING, COMPLETED, FAILED,"
                      + " DELETE_FAILED, DELETING or DELETED; another value is 400")
          @QueryParam("status")
          String status,
      @Parameter(description = "created at or after this ISO-8601 instant") @QueryParam("from")
          String from,
      @Parameter(description = "created before this ISO-8601 instant") @QueryParam("to") String to,
      @Parameter(
              description = "page size, 1 to 500 (default 50)",
              schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500"))
          @QueryParam("limit")
          String limit,
      @Parameter(description = "nextCursor of the previous page of this same list (another is 400)")
          @QueryParam("cursor")
          String cursor) {
    var caller = context.caller().require(Role.READER);
    HistoryFilter filter = HistoryFilter.of(status, from, to, cursor, limit);
    return backups.backups(caller, datasets.target(caller, datasetId), filter);
  }

  @GET
  @Path("/runs")
  @Operation(summary = "The dataset's runs, newest first (reader role)")
  public Page<RunResponse> runs(
      @Parameter(description = "dataset id (a UUID)") @PathParam("datasetId") String datasetId,
      @Parameter(
              description =
                  "only runs in this state: PENDING, REQUESTED, RUNNING, SUCCEEDED, FAILED,"
                      + " SKIPPED or CANCELLED; another value is 400")
          @QueryParam("state")
          String state,
      @Parameter(description = "created at or after this ISO-8601 instant") @QueryParam("from")
          String from,
      @Parameter(description = "created before this ISO-8601 instant") @QueryParam("to") String to,
      @Parameter(
              description = "page size, 1 to 500 (default 50)",
              schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500"))
          @QueryParam("limit")
          String limit,
      @Parameter(description = "nextCursor of the previous page of this same list (another is 400)")
          @QueryParam("cursor")
          String cursor) {
    var caller = context.caller().require(Role.READER);
    HistoryFilter filter = HistoryFilter.of(state, from, to, cursor, limit);
    return backups.runs(caller, datasets.target(caller, datasetId), filter);
  }
}
