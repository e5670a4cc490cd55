package dev.trovekeeper.dataset;

import dev.trovekeeper.api.Page;
import dev.trovekeeper.api.PublicUrl;
import dev.trovekeeper.api.RequestIdFilter;
import dev.trovekeeper.auth.CallerContext;
import dev.trovekeeper.auth.DeletionRequested;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.ResponseStatus;

/** The caller's project's datasets: register, list, show, change, suspend, resume, delete. */
@Path("/v1/datasets")
@Produces(MediaType.APPLICATION_JSON)
public class DatasetResource {

  private final DatasetService service;
  private final DatasetViews views;
  private final CallerContext context;
  private final PublicUrl publicUrl;

  DatasetResource(
      DatasetService service, DatasetViews views, CallerContext context, PublicUrl publicUrl) {
    this.service = service;
    this.views = views;
    this.context = context;
    this.publicUrl = publicUrl;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Register a dataset (member role): a REST or SQL source and its credentials (stored"
              + " encrypted, never returned); it gets the project's policy and a schedule")
  @APIResponse(
      responseCode = "201",
      description = "registered; Location names it",
      content = @Content(schema = @Schema(implementation = DatasetResponse.class)))
  public Response register(
      @Valid @NotNull DatasetRequest request, @Context ContainerRequestContext http) {
    DatasetResponse created = service.register(context.caller(), request, RequestIdFilter.of(http));
    return Response.status(201)
        .entity(created)
        .location(publicUrl.of("/v1/datasets/" + created.id()))
        .build();
  }

  @GET
  @Operation(summary = "List the project's datasets with their protection (reader role)")
  public Page<DatasetResponse> list(
      @Parameter(
              description = "page size, 1 to 500 (default 50)",
              schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500"))
          @QueryParam("limit")
          String limit,
      @Parameter(description = "nextCursor of the previous page of this same list (another is 400)")
          @QueryParam("cursor")
          String cursor,
      @Parameter(description = "only datasets with this status: ACTIVE, SUSPENDED or DELETED")
          @QueryParam("status")
          String status,
      @Parameter(description = "operators only: one Keystone project (tenants: ignored)")
          @QueryParam("project")
          String projectId) {
    return views.list(context.caller(), limit, cursor, status, projectId);
  }

  @GET
  @Path("/{datasetId}")
  @Operation(summary = "One dataset with its protection (reader role; 404 for another project)")
  public DatasetResponse get(
      @Parameter(description = "dataset id (a UUID)") @PathParam("datasetId") String datasetId) {
    return views.show(context.caller(), datasetId);
  }

  @PATCH
  @Path("/{datasetId}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Change a dataset's name, source or credentials (member role); a field left out keeps"
              + " its value")
  public DatasetResponse change(
      @Parameter(description = "dataset id (a UUID)") @PathParam("datasetId") String datasetId,
      @Valid @NotNull DatasetChange change,
      @Context ContainerRequestContext http) {
    return service.change(context.caller(), datasetId, change, RequestIdFilter.of(http));
  }

  @DELETE
  @Path("/{datasetId}")
  @ResponseStatus(202)
  @APIResponse(
      responseCode = "202",
      description = "the project owner was mailed a confirmation link; nothing is deleted yet",
      content = @Content(schema = @Schema(implementation = DeletionRequested.class)))
  @Operation(
      summary =
          "Ask the project owner, by mail, to confirm deleting the dataset (member role); its"
              + " backups then age out under retention")
  public DeletionRequested delete(
      @Parameter(description = "dataset id (a UUID)") @PathParam("datasetId") String datasetId) {
    return service.requestDeletion(context.caller(), datasetId);
  }

  @POST
  @Path("/{datasetId}/suspend")
  @Operation(summary = "Suspend the dataset: its runs stop reading the source (member role)")
  public DatasetResponse suspend(
      @Parameter(description = "dataset id (a UUID)") @PathParam("datasetId") String datasetId,
      @Context ContainerRequestContext http) {
    return service.suspend(context.caller(), datasetId, RequestIdFilter.of(http));
  }

  @POST
  @Path("/{datasetId}/resume")
  @Operation(summary = "Resume a suspended dataset (member role)")
  public DatasetResponse resume(
      @Parameter(description = "dataset id (a UUID)") @PathParam("datasetId") String datasetId,
      @Context ContainerRequestContext http) {
    return service.resume(context.caller(), datasetId, RequestIdFilter.of(http));
  }
}
