package dev.trovekeeper.inventory;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** Trove instances known to the service. */
@Path("/v1/instances")
@Produces(MediaType.APPLICATION_JSON)
public class InstanceResource {

  private final InventoryService inventory;

  InstanceResource(InventoryService inventory) {
    this.inventory = inventory;
  }

  @GET
  @Operation(summary = "List the Trove instances the service knows")
  public List<InstanceResponse> list(
      @Parameter(description = "only this Keystone project") @QueryParam("project")
          String projectId) {
    return inventory.instances(projectId).stream().map(InstanceResponse::of).toList();
  }
}
