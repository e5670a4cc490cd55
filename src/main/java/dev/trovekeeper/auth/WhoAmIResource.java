package dev.trovekeeper.auth;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Who the service takes the caller for. */
@Path("/v1/me")
@Produces(MediaType.APPLICATION_JSON)
public class WhoAmIResource {

  private final CallerContext context;

  WhoAmIResource(CallerContext context) {
    this.context = context;
  }

  @GET
  @Operation(summary = "The authenticated caller: user, project and roles")
  public CallerResponse me() {
    return CallerResponse.of(context.caller());
  }
}
