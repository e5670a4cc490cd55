package dev.trovekeeper.datarestore;

import dev.trovekeeper.api.Page;
import dev.trovekeeper.auth.CallerContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** A restore of tenant data (asked for at {@link DatasetRestoreResource}): state and error log. */
@Path("/v1/dataset-restores/{restoreId}")
@Produces(MediaType.APPLICATION_JSON)
public class DataRestoreResource {

  private final DataRestoreService service;
  private final CallerContext context;

  DataRestoreResource(DataRestoreService service, CallerContext context) {
    this.service = service;
    this.context = context;
  }

  @GET
  @Operation(summary = "A restore of tenant data: state, safety backup and counts (reader role)")
  public DataRestoreResponse restore(
      @Parameter(description = "restore id (its run's id, a UUID)") @PathParam("restoreId")
          String restoreId) {
    return service.summary(context.caller(), restoreId);
  }

  @GET
  @Path("/errors")
  @Operation(summary = "The objects the source refused, in order, paged (reader role)")
  public Page<RestoreErrorResponse> errors(
      @Parameter(description = "restore id (its run's id, a UUID)") @PathParam("restoreId")
          String restoreId,
      @Parameter(
              description = "page size, 1 to 500 (default 50)",
              schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500"))
          @QueryParam("limit")
          String limit,
      @Parameter(description = "nextCursor of the previous page of this same list (another is 400)")
          @QueryParam("cursor")
          String cursor) {
    return service.errors(context.caller(), restoreId, limit, cursor);
  }
}
