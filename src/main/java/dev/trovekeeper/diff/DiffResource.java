package dev.trovekeeper.diff;

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

/**
 * A diff of a dataset's backups (asked for at {@link DatasetDiffResource}): summary and changes.
 */
@Path("/v1/diffs/{diffId}")
@Produces(MediaType.APPLICATION_JSON)
public class DiffResource {

  private final DiffService service;
  private final CallerContext context;

  DiffResource(DiffService service, CallerContext context) {
    this.service = service;
    this.context = context;
  }

  @GET
  @Operation(summary = "A diff: its state and its counts per entity and kind (reader role)")
  public DiffResponse diff(
      @Parameter(description = "diff id (its run's id, a UUID)") @PathParam("diffId")
          String diffId) {
    return service.summary(context.caller(), diffId);
  }

  @GET
  @Path("/changes")
  @Operation(
      summary =
          "The objects that differ, in comparison order (entity, then id), paged (reader role)")
  public Page<ChangeResponse> changes(
      @Parameter(description = "diff id (its run's id, a UUID)") @PathParam("diffId") String diffId,
      @Parameter(description = "only this entity (a REST resource or table name)")
          @QueryParam("entity")
          String entity,
      @Parameter(description = "only this kind of change: ADDED, CHANGED or REMOVED")
          @QueryParam("kind")
          String kind,
      @Parameter(
              description = "page size, 1 to 500 (default 50)",
              schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500"))
          @QueryParam("limit")
          String limit,
      @Parameter(description = "nextCursor of the previous page of this same list (another is 400)")
          @QueryParam("cursor")
          String cursor) {
    return service.changes(context.caller(), diffId, entity, kind, limit, cursor);
  }
}
