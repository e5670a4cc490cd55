package dev.trovekeeper.policy;

import dev.trovekeeper.api.RequestIdFilter;
import dev.trovekeeper.auth.CallerContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.ResponseStatus;

/** The backup policy override of one instance of the caller's project. */
@Path("/v1/instances/{instanceId}/policy")
@Produces(MediaType.APPLICATION_JSON)
public class InstancePolicyResource {

  private final TenantPolicyService service;
  private final CallerContext context;

  InstancePolicyResource(TenantPolicyService service, CallerContext context) {
    this.service = service;
    this.context = context;
  }

  @GET
  @Operation(summary = "The instance's own policy override (404 when it has none; reader role)")
  public PolicyResponse get(
      @Parameter(description = "Trove instance id") @PathParam("instanceId") String instanceId) {
    return service.instanceOverride(context.caller(), instanceId);
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Set the instance's policy override (member role)")
  public PolicyResponse put(
      @Parameter(description = "Trove instance id") @PathParam("instanceId") String instanceId,
      PolicySpec request,
      @Context ContainerRequestContext http) {
    return service.setInstanceOverride(
        context.caller(), instanceId, request, RequestIdFilter.of(http));
  }

  @DELETE
  @ResponseStatus(204)
  @APIResponse(responseCode = "204", description = "the policy was removed")
  @Operation(summary = "Remove the instance's policy override (member role)")
  public void delete(
      @Parameter(description = "Trove instance id") @PathParam("instanceId") String instanceId,
      @Context ContainerRequestContext http) {
    service.deleteInstanceOverride(context.caller(), instanceId, RequestIdFilter.of(http));
  }
}
