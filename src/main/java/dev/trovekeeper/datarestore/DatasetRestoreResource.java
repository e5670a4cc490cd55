package dev.trovekeeper.datarestore;

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

/** Asks for a restore of a dataset's backup into its live source, or an estimate of one. */
@Path("/v1/datasets/{datasetId}/restores")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DatasetRestoreResource {

  private final DataRestoreService service;
  private final CallerContext context;
  private final PublicUrl publicUrl;

  DatasetRestoreResource(DataRestoreService service, CallerContext context, PublicUrl publicUrl) {
    this.service = service;
    this.context = context;
    this.publicUrl = publicUrl;
  }

  @POST
  @Operation(
      summary =
          "Restore a backup of the dataset into its live source (member role): a safety backup"
              + " first, then the selected objects that differ are written back",
      description =
          "Changed objects are replaced, removed ones re-created, objects added since the backup"
              + " left alone unless includeAdded. A COMPLETED backup only (another is 409).")
  @APIResponse(
      responseCode = "202",
      description = "the restore run was queued; its id is also the restore's id",
      content = @Content(schema = @Schema(implementation = RunResponse.class)))
  public Response request(
      @Parameter(description = "dataset id (a UUID)") @PathParam("datasetId") String datasetId,
      @Valid DataRestoreRequest request,
      @Context ContainerRequestContext http) {
    RunResponse run =
        service.request(context.caller(), datasetId, request, RequestIdFilter.of(http));
    return Response.status(202)
        .entity(run)
        .location(publicUrl.of("/v1/dataset-restores/" + run.id()))
        .build();
  }

  @POST
  @Path("/estimate")
  @Operation(
      summary =
          "What the restore would cost (member role): calls per entity and in total, and the ETA"
              + " under the source's rate limit; nothing is read from the source or written")
  public RestoreEstimate estimate(
      @Parameter(description = "dataset id (a UUID)") @PathParam("datasetId") String datasetId,
      @Valid DataRestoreRequest request) {
    return service.estimate(context.caller(), datasetId, request);
  }
}
