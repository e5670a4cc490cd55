package dev.trovekeeper.operator;

import dev.trovekeeper.auth.ProjectIds;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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

/**
 * An operator's settings of one project: tier, owner e-mail, pause (admin role in the operator
 * project). The id must have the form of a Keystone project id and name a project Keystone knows.
 */
@Path("/v1/admin/projects/{projectId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "operator")
public class AdminProjectResource {

  private static final String ID = "projectId";

  private final ProjectService projects;
  private final PauseService pauses;
  private final AdminAccess admin;
  private final ProjectIds ids;

  AdminProjectResource(
      ProjectService projects, PauseService pauses, AdminAccess admin, ProjectIds ids) {
    this.projects = projects;
    this.pauses = pauses;
    this.admin = admin;
    this.ids = ids;
  }

  @GET
  @Operation(summary = "A project's tier, pause state and owner e-mail")
  public AdminProjectResponse get(
      @Parameter(description = "Keystone project id") @PathParam(ID) String projectId) {
    admin.require();
    return projects.get(ids.require(ID, projectId));
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Change a project's tier and owner e-mail",
      description =
          "Merged into the stored settings: a field left out keeps its value, a field sent as"
              + " null clears it (tier null: off its tier; ownerEmail null: none stored).")
  public AdminProjectResponse update(
      @Parameter(description = "Keystone project id") @PathParam(ID) String projectId,
      @Valid @NotNull AdminProjectRequest request) {
    return projects.update(admin.require(), ids.require(ID, projectId), request);
  }

  @POST
  @Path("/pause")
  @Operation(summary = "Pause a project: its schedules do not fire and no run of it starts")
  public AdminProjectResponse pause(
      @Parameter(description = "Keystone project id") @PathParam(ID) String projectId) {
    return pauses.setProjectPaused(admin.require(), ids.require(ID, projectId), true);
  }

  @POST
  @Path("/resume")
  @Operation(summary = "Resume a project")
  public AdminProjectResponse resume(
      @Parameter(description = "Keystone project id") @PathParam(ID) String projectId) {
    return pauses.setProjectPaused(admin.require(), ids.require(ID, projectId), false);
  }
}
