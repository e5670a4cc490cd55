package dev.trovekeeper.diff;

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

/** Asks for a diff of a dataset's backup against the live data or another backup. */
@Path("/v1/datasets/{datasetId}/diffs")
@Produces(MediaType.APPLICATION_JSON)
public class DatasetDiffResource {

  private final DiffService service;
  private final CallerContext context;
  private final PublicUrl publicUrl;

  DatasetDiffResource(DiffService service, CallerContext context, PublicUrl publicUrl) {
    this.service = service;
    this.context = context;
    this.publicUrl = publicUrl;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Compare a backup of the dataset with the live data or another backup (member role);"
              + " follow the run at Location, then read the diff at /v1/diffs/{run id}",
      description =
          "Per object (by entity and id): ADDED, CHANGED with an RFC 6902 JSON Patch, REMOVED."
              + " A COMPLETED backup only (another is 409).")
  @APIResponse(
      responseCode = "202",
      description = "the diff run was queued; its id is also the diff's id",
      content = @Content(schema = @Schema(implementation = RunResponse.class)))
  public Response request(
      @Parameter(description = "dataset id (a UUID)") @PathParam("datasetId") String datasetId,
      @Valid DiffRequest request,
      @Context ContainerRequestContext http) {
    RunResponse run =
        service.request(context.caller(), datasetId, request, RequestIdFilter.of(http));
    return Response.status(202).entity(run).location(publicUrl.of("/v1/runs/" + run.id())).build();
  }
}
