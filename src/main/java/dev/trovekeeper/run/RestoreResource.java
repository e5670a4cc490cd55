package dev.trovekeeper.run;

import dev.trovekeeper.api.PublicUrl;
import dev.trovekeeper.api.RequestIdFilter;
import dev.trovekeeper.auth.CallerContext;
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

/** Restores a backup of an instance of the caller's project into a new Trove instance. */
@Path("/v1/instances/{instanceId}/backups/{backupId}/restore")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RestoreResource {

  private final RestoreService service;
  private final CallerContext context;
  private final PublicUrl publicUrl;

  RestoreResource(RestoreService service, CallerContext context, PublicUrl publicUrl) {
    this.service = service;
    this.context = context;
    this.publicUrl = publicUrl;
  }

  @POST
  @Operation(
      summary =
          "Restore the backup into a new Trove instance (member role); follow the run at"
              + " Location until the new instance is ACTIVE",
      description =
          "Name, flavor and volume size default from the source instance. The new instance is"
              + " then discovered like any other and gets its project's policy. A COMPLETED"
              + " backup only (another is 409).")
  @APIResponse(
      responseCode = "202",
      description = "the restore run was queued",
      content = @Content(schema = @Schema(implementation = RunResponse.class)))
  public Response restore(
      @Parameter(description = "Trove instance id") @PathParam("instanceId") String instanceId,
      @Parameter(description = "the backup's id (a UUID) as the instance's backup list shows it")
          @PathParam("backupId")
          String backupId,
      @Valid RestoreRequest request,
      @Context ContainerRequestContext http) {
    RunResponse run =
        service.restore(context.caller(), instanceId, backupId, request, RequestIdFilter.of(http));
    return Response.status(202).entity(run).location(publicUrl.of("/v1/runs/" + run.id())).build();
  }
}
