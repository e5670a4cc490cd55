package dev.trovekeeper.auth;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.ResponseStatus;

/** Deleting backups with the project owner's confirmation. */
@Path("/v1/deletions")
@Produces(MediaType.APPLICATION_JSON)
public class DeletionResource {

  private final DeletionConfirmationService service;
  private final CallerContext context;

  DeletionResource(DeletionConfirmationService service, CallerContext context) {
    this.service = service;
    this.context = context;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @ResponseStatus(202)
  @APIResponse(
      responseCode = "202",
      description = "the owner was mailed a confirmation link",
      content = @Content(schema = @Schema(implementation = DeletionRequested.class)))
  @Operation(summary = "Ask the project owner, by mail, to confirm deleting backups (member role)")
  public DeletionRequested request(@Valid @NotNull DeletionRequest request) {
    return service.request(context.caller(), request.artifactIds());
  }

  @GET
  @Path("/confirm")
  @Operation(summary = "Confirm a deletion with the mailed single-use token (no other credentials)")
  public DeletionConfirmed confirm(@QueryParam("token") String token) {
    return service.confirm(token);
  }
}
