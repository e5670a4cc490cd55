package dev.trovekeeper.operator;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** An operator's settings of one project: tier, owner e-mail, pause (admin role). */
@Path("/v1/admin/projects/{projectId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "operator")
public class AdminProjectResource {

  private static final String PROJECT_ID = "[A-Za-z0-9._-]{1,64}";

  private final TierService tiers;
  private final PauseService pauses;
  private final AdminAccess admin;

  AdminProjectResource(TierService tiers, PauseService pauses, AdminAccess admin) {
    this.tiers = tiers;
    this.pauses = pauses;
    this.admin = admin;
  }

  @GET
  @Operation(summary = "A project's tier, pause state and owner e-mail")
  public AdminProjectResponse get(
      @Parameter(description = "Keystone project id")
          @PathParam("projectId")
          @Pattern(regexp = PROJECT_ID)
          String projectId) {
    admin.require();
    return tiers.project(projectId);
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Put a project on a tier (null: none) and set its owner e-mail")
  public AdminProjectResponse update(
      @Parameter(description = "Keystone project id")
          @PathParam("projectId")
          @Pattern(regexp = PROJECT_ID)
          String projectId,
      @Valid @NotNull AdminProjectRequest request) {
    return tiers.assign(admin.require(), projectId, request);
  }

  @POST
  @Path("/pause")
  @Operation(summary = "Pause a project: its schedules do not fire and no run of it starts")
  public AdminProjectResponse pause(
      @Parameter(description = "Keystone project id")
          @PathParam("projectId")
          @Pattern(regexp = PROJECT_ID)
          String projectId) {
    return pauses.setProjectPaused(admin.require(), projectId, true);
  }

  @POST
  @Path("/resume")
  @Operation(summary = "Resume a project")
  public AdminProjectResponse resume(
      @Parameter(description = "Keystone project id")
          @PathParam("projectId")
          @Pattern(regexp = PROJECT_ID)
          String projectId) {
    return pauses.setProjectPaused(admin.require(), projectId, false);
  }
}
