package dev.trovekeeper.operator;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

/** Tiers: the bounds operators set on tenant policies (admin role). */
@Path("/v1/admin/tiers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "operator")
public class AdminTierResource {

  private final TierService tiers;
  private final AdminAccess admin;

  AdminTierResource(TierService tiers, AdminAccess admin) {
    this.tiers = tiers;
    this.admin = admin;
  }

  @GET
  @Operation(summary = "List the tiers")
  public List<TierResponse> list() {
    admin.require();
    return tiers.list();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @ResponseStatus(201)
  @Operation(summary = "Create a tier (409 if the name is taken)")
  @APIResponse(
      responseCode = "201",
      description = "the tier",
      content = @Content(schema = @Schema(implementation = TierResponse.class)))
  public TierResponse create(@Valid @NotNull TierRequest request) {
    return tiers.create(admin.require(), request);
  }

  @GET
  @Path("/{name}")
  @Operation(summary = "Show a tier")
  public TierResponse get(@Parameter(description = "tier name") @PathParam("name") String name) {
    admin.require();
    return tiers.get(name);
  }

  @PUT
  @Path("/{name}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Replace a tier's bounds")
  public TierResponse update(
      @Parameter(description = "tier name") @PathParam("name") String name,
      @Valid @NotNull TierRequest request) {
    return tiers.update(admin.require(), name, request);
  }

  @DELETE
  @Path("/{name}")
  @ResponseStatus(204)
  @Operation(summary = "Delete a tier no project is on (409 otherwise)")
  @APIResponse(responseCode = "204", description = "deleted")
  public void delete(@Parameter(description = "tier name") @PathParam("name") String name) {
    tiers.delete(admin.require(), name);
  }
}
