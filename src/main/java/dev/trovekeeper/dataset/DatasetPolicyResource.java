package dev.trovekeeper.dataset;

import dev.trovekeeper.api.RequestIdFilter;
import dev.trovekeeper.auth.CallerContext;
import dev.trovekeeper.auth.Role;
import dev.trovekeeper.policy.PolicyResponse;
import dev.trovekeeper.policy.PolicySpec;
import dev.trovekeeper.policy.TenantPolicyService;
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

/** The backup policy override of one dataset of the caller's project, as for an instance. */
@Path("/v1/datasets/{datasetId}/policy")
@Produces(MediaType.APPLICATION_JSON)
public class DatasetPolicyResource {

  private final TenantPolicyService policies;
  private final DatasetService datasets;
  private final CallerContext context;

  DatasetPolicyResource(
      TenantPolicyService policies, DatasetService datasets, CallerContext context) {
    this.policies = policies;
    this.datasets = datasets;
    this.context = context;
  }

  @GET
  @Operation(summary = "The dataset's own policy override (404 when it has none; reader role)")
  public PolicyResponse get(
      @Parameter(description = "dataset id (a UUID)") @PathParam("datasetId") String datasetId) {
    var caller = context.caller().require(Role.READER);
    return policies.targetOverride(caller, datasets.target(caller, datasetId));
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Set the dataset's policy override (member role)")
  public PolicyResponse put(
      @Parameter(description = "dataset id (a UUID)") @PathParam("datasetId") String datasetId,
      PolicySpec request,
      @Context ContainerRequestContext http) {
    var caller = context.caller().require(Role.MEMBER);
    return policies.setTargetOverride(
        caller, datasets.target(caller, datasetId), request, RequestIdFilter.of(http));
  }

  @DELETE
  @ResponseStatus(204)
  @APIResponse(responseCode = "204", description = "the policy was removed")
  @Operation(summary = "Remove the dataset's policy override (member role)")
  public void delete(
      @Parameter(description = "dataset id (a UUID)") @PathParam("datasetId") String datasetId,
      @Context ContainerRequestContext http) {
    var caller = context.caller().require(Role.MEMBER);
    policies.deleteTargetOverride(
        caller, datasets.target(caller, datasetId), RequestIdFilter.of(http));
  }
}
