package dev.trovekeeper.migration;

import dev.trovekeeper.api.PublicUrl;
import dev.trovekeeper.api.RequestIdFilter;
import dev.trovekeeper.auth.CallerContext;
import dev.trovekeeper.run.RunResponse;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Migrating a SQL dataset's backup into another tenant of the same database: plan, then run. */
@Path("/v1/datasets/{datasetId}/migrations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MigrationResource {

  private final MigrationService service;
  private final CallerContext context;
  private final PublicUrl publicUrl;

  MigrationResource(MigrationService service, CallerContext context, PublicUrl publicUrl) {
    this.service = service;
    this.context = context;
    this.publicUrl = publicUrl;
  }

  @POST
  @Path("/plan")
  @Operation(
      summary =
          "Dry run (reader role): what migrating the backup into the target dataset would do,"
              + " per table (create, update, link, blocked, deferred), the cycles and how they are"
              + " broken, and the natural-key collisions. Writes nothing")
  public MigrationPlan plan(
      @Parameter(description = "the source dataset's id (a UUID)") @PathParam("datasetId")
          String datasetId,
      @Valid MigrationRequest request) {
    return service.plan(context.caller(), datasetId, request);
  }

  @POST
  @Operation(
      summary =
          "Migrate the backup into the target dataset's tenant (member role, audited); follow the"
              + " run at Location",
      description =
          "The target must be another SQL dataset of the project on the same database and tables"
              + " with another tenant value (else 422 MIGRATION_REFUSED). New keys are generated,"
              + " references rewritten through the kept id map: a second migration updates what"
              + " the first created. Nothing is deleted in the target; the source is not written.")
  @APIResponse(
      responseCode = "202",
      description = "the migration run was queued",
      content = @Content(schema = @Schema(implementation = RunResponse.class)))
  public Response migrate(
      @Parameter(description = "the source dataset's id (a UUID)") @PathParam("datasetId")
          String datasetId,
      @Valid MigrationRequest request,
      @Context ContainerRequestContext http) {
    RunResponse run = service.start(context.caller(), datasetId, request, RequestIdFilter.of(http));
    return Response.status(202).entity(run).location(publicUrl.of("/v1/runs/" + run.id())).build();
  }
}
