package dev.trovekeeper.run;

import dev.trovekeeper.api.Page;
import dev.trovekeeper.api.Problem;
import dev.trovekeeper.api.PublicUrl;
import dev.trovekeeper.api.RequestIdFilter;
import dev.trovekeeper.auth.CallerContext;
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

/** Backups and runs of one instance of the caller's project, and a backup now. */
@Path("/v1/instances/{instanceId}")
@Produces(MediaType.APPLICATION_JSON)
public class InstanceBackupResource {

  private final InstanceBackupService service;
  private final CallerContext context;
  private final PublicUrl publicUrl;

  InstanceBackupResource(
      InstanceBackupService service, CallerContext context, PublicUrl publicUrl) {
    this.service = service;
    this.context = context;
    this.publicUrl = publicUrl;
  }

  @POST
  @Path("/backups")
  @Operation(
      summary =
          "Back the instance up now (member role); follow the run at Location. A run of the"
              + " instance already queued (not started) is answered instead of a second one")
  @APIResponse(
      responseCode = "202",
      description = "a run was queued",
      content = @Content(schema = @Schema(implementation = RunResponse.class)))
  @APIResponse(
      responseCode = "200",
      description = "a run of the instance was already queued: that run",
      content = @Content(schema = @Schema(implementation = RunResponse.class)))
  @APIResponse(
      responseCode = "429",
      description =
          "the instance had keeper.run.manual.max-per-day manual runs in 24 hours; Retry-After"
              + " and the detail say when the next is allowed",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Response runNow(
      @Parameter(description = "Trove instance id") @PathParam("instanceId") String instanceId,
      @Context ContainerRequestContext http) {
    InstanceBackupService.RunNow result =
        service.runNow(context.caller(), instanceId, RequestIdFilter.of(http));
    return Response.status(result.created() ? 202 : 200)
        .entity(result.run())
        .location(publicUrl.of("/v1/runs/" + result.run().id()))
        .build();
  }

  @GET
  @Path("/backups")
  @Operation(summary = "The instance's backups, newest first (reader role)")
  public Page<BackupResponse> backups(
      @Parameter(description = "Trove instance id") @PathParam("instanceId") String instanceId,
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
    return service.backups(
        context.caller(), instanceId, HistoryFilter.of(status, from, to, cursor, limit));
  }

  @GET
  @Path("/runs")
  @Operation(summary = "The instance's runs, newest first (reader role)")
  public Page<RunResponse> runs(
      @Parameter(description = "Trove instance id") @PathParam("instanceId") String instanceId,
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
    return service.runs(
        context.caller(), instanceId, HistoryFilter.of(state, from, to, cursor, limit));
  }
}
