package dev.trovekeeper.policy;

import dev.trovekeeper.api.RequestIdFilter;
import dev.trovekeeper.auth.CallerContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.ResponseStatus;

/** The default backup policy of the caller's project. */
@Path("/v1/project/policy")
@Produces(MediaType.APPLICATION_JSON)
public class ProjectPolicyResource {

  private final TenantPolicyService service;
  private final CallerContext context;

  ProjectPolicyResource(TenantPolicyService service, CallerContext context) {
    this.service = service;
    this.context = context;
  }

  @GET
  @Operation(summary = "The project's default policy (404 when it has none; reader role)")
  public PolicyResponse get() {
    return service.projectDefault(context.caller());
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Set the project's default policy (member role)")
  public PolicyResponse put(PolicySpec request, @Context ContainerRequestContext http) {
    return service.setProjectDefault(context.caller(), request, RequestIdFilter.of(http));
  }

  @DELETE
  @ResponseStatus(204)
  @APIResponse(responseCode = "204", description = "the policy was removed")
  @Operation(summary = "Remove the project's default policy (member role)")
  public void delete(@Context ContainerRequestContext http) {
    service.deleteProjectDefault(context.caller(), RequestIdFilter.of(http));
  }
}
