package dev.trovekeeper.instance;

import dev.trovekeeper.api.Cursor;
import dev.trovekeeper.api.KeeperException;
import dev.trovekeeper.api.Page;
import dev.trovekeeper.auth.Caller;
import dev.trovekeeper.auth.CallerContext;
import dev.trovekeeper.auth.Role;
import dev.trovekeeper.inventory.InventoryService;
import dev.trovekeeper.inventory.Target;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The caller's project's Trove instances with their protection (operators: every project). */
@Path("/v1/instances")
@Produces(MediaType.APPLICATION_JSON)
public class InstanceResource {

  private final InventoryService inventory;
  private final ProtectionService protection;
  private final CallerContext context;

  InstanceResource(
      InventoryService inventory, ProtectionService protection, CallerContext context) {
    this.inventory = inventory;
    this.protection = protection;
    this.context = context;
  }

  @GET
  @Operation(summary = "List the project's Trove instances with their protection (reader role)")
  public Page<InstanceResponse> list(
      @Parameter(
              description = "page size, 1 to 500 (default 50)",
              schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500"))
          @QueryParam("limit")
          String limit,
      @Parameter(description = "nextCursor of the previous page of this same list (another is 400)")
          @QueryParam("cursor")
          String cursor,
      @Parameter(
              description =
                  "only instances with this status: a Trove instance status (ACTIVE, BUILD,"
                      + " SHUTDOWN, ERROR, ...) or VANISHED / DELETED; another value is 400")
          @QueryParam("status")
          String status,
      @Parameter(description = "operators only: one Keystone project (tenants: ignored)")
          @QueryParam("project")
          String projectId,
      @Parameter(
              description =
                  "true: only deleted (or vanished) instances; false: only live ones; default both,"
                      + " deleted ones with protection DELETED",
              schema = @Schema(type = SchemaType.BOOLEAN))
          @QueryParam("deleted")
          String deleted) {
    Caller caller = context.caller().require(Role.READER);
    int size = Page.limit(limit);
    String scope = caller.isOperator() ? projectId : caller.projectId();
    if (status != null && !InstanceStatuses.ALL.contains(status)) {
      throw KeeperException.invalid("status", "must be one of " + InstanceStatuses.ALL);
    }
    Boolean gone = deletedFilter(deleted);
    Long after = position(scope, Cursor.decode(cursor));
    List<Target> fetched = inventory.instancePage(scope, status, gone, after, size);
    Page<Target> page = Page.of(fetched, size, t -> t.externalId);
    var protections = protection.of(page.items());
    return new Page<>(
        page.items().stream().map(t -> InstanceResponse.of(t, protections.get(t.id))).toList(),
        page.nextCursor());
  }

  @GET
  @Path("/{instanceId}")
  @Operation(summary = "One instance with its protection (reader role; 404 for another project)")
  public InstanceResponse get(
      @Parameter(description = "Trove instance id") @PathParam("instanceId") String instanceId) {
    Caller caller = context.caller().require(Role.READER);
    return response(inventory.instanceFor(caller, instanceId));
  }

  /**
   * The internal position of the instance a cursor names, within the listed scope: a cursor naming
   * an instance of another project is a 400, never that project's next page.
   */
  private Long position(String scope, String instanceId) {
    if (instanceId == null) {
      return null;
    }
    return inventory
        .findInstance(instanceId)
        .filter(t -> scope == null || scope.equals(t.projectId))
        .map(t -> t.id)
        .orElseThrow(Cursor::invalid);
  }

  private static Boolean deletedFilter(String deleted) {
    if (deleted == null) {
      return null;
    }
    return switch (deleted) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default -> throw KeeperException.invalid("deleted", "must be true or false");
    };
  }

  private InstanceResponse response(Target target) {
    return InstanceResponse.of(target, protection.of(target));
  }
}
