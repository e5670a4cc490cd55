package dev.trovekeeper.operator;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The fleet-wide pause switch (admin role). */
@Path("/v1/admin")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "operator")
public class PauseResource {

  private final PauseService pauses;
  private final AdminAccess admin;

  PauseResource(PauseService pauses, AdminAccess admin) {
    this.pauses = pauses;
    this.admin = admin;
  }

  @GET
  @Path("/pause")
  @Operation(summary = "Whether the fleet is paused, by whom and since when")
  public PauseResponse state() {
    admin.require();
    return pauses.fleet();
  }

  @POST
  @Path("/pause")
  @Operation(summary = "Pause the fleet: no run starts anywhere until resumed")
  public PauseResponse pause() {
    return pauses.setFleetPaused(admin.require(), true);
  }

  @POST
  @Path("/resume")
  @Operation(summary = "Resume the fleet")
  public PauseResponse resume() {
    return pauses.setFleetPaused(admin.require(), false);
  }
}
