package dev.trovekeeper.console;

import dev.trovekeeper.auth.Role;
import dev.trovekeeper.instance.ProtectionService;
import dev.trovekeeper.inventory.InventoryService;
import dev.trovekeeper.inventory.Target;
import dev.trovekeeper.protection.ProtectionHistory;
import dev.trovekeeper.protection.ProtectionHistory.FleetHistory;
import dev.trovekeeper.protection.ProtectionHistory.TargetHistory;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/**
 * The charts' data as JSON, served to the console's own pages under the console session (the
 * tenant's project decides what is visible, as on the pages): an instance's history for its page,
 * the fleet's for the operator's coverage page. A fixed number of queries each.
 */
@Path("/console/charts")
@Produces(MediaType.APPLICATION_JSON)
public class ChartData {

  /** Days the operator's charts cover. */
  static final int FLEET_DAYS = 14;

  private final ConsoleAccess access;
  private final InventoryService inventory;
  private final ProtectionService protection;
  private final ProtectionHistory history;

  ChartData(
      ConsoleAccess access,
      InventoryService inventory,
      ProtectionService protection,
      ProtectionHistory history) {
    this.access = access;
    this.inventory = inventory;
    this.protection = protection;
    this.history = history;
  }

  /** Recovery point age against the RPO, backup durations and sizes (another project's: 404). */
  @GET
  @Path("/instances/{instanceId}")
  public TargetHistory instance(
      @Context HttpHeaders headers, @PathParam("instanceId") String instanceId) {
    ConsoleSession session = access.require(headers);
    ConsoleFailure.call(() -> session.caller().require(Role.READER));
    Target target = ConsoleFailure.call(() -> inventory.instanceFor(session.caller(), instanceId));
    var policy = protection.of(target).effectivePolicy();
    Integer rpo = policy == null ? null : policy.values().rpoTargetMinutes();
    return history.target(target.id, rpo);
  }

  /** Fleet coverage and run outcomes per day (operators only). */
  @GET
  @Path("/fleet")
  public FleetHistory fleet(@Context HttpHeaders headers) {
    ConsoleSession session = access.require(headers);
    ConsoleFailure.call(() -> session.caller().requireOperator());
    return history.fleet(FLEET_DAYS);
  }
}
