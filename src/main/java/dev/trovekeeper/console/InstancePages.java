package dev.trovekeeper.console;

import dev.trovekeeper.api.Cursor;
import dev.trovekeeper.api.Page;
import dev.trovekeeper.auth.Caller;
import dev.trovekeeper.auth.DeletionConfirmationService;
import dev.trovekeeper.auth.Role;
import dev.trovekeeper.instance.InstanceProtection;
import dev.trovekeeper.instance.InstanceStatuses;
import dev.trovekeeper.instance.ProtectionService;
import dev.trovekeeper.inventory.InventoryService;
import dev.trovekeeper.inventory.Target;
import dev.trovekeeper.operator.PauseService;
import dev.trovekeeper.run.BackupResponse;
import dev.trovekeeper.run.HistoryFilter;
import dev.trovekeeper.run.InstanceBackupService;
import dev.trovekeeper.run.RestoreRequest;
import dev.trovekeeper.run.RestoreService;
import dev.trovekeeper.run.RunResponse;
import dev.trovekeeper.run.RunState;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/** The tenant's instances: the list, one instance's page and its actions. */
@Path("/console/instances")
@Produces(MediaType.TEXT_HTML)
public class InstancePages {

  static final int PAGE_SIZE = 20;

  /** One row of the list. */
  public record InstanceRow(Target target, InstanceProtection protection) {}

  @Location("console/instances.html")
  Template instances;

  @Location("console/instance.html")
  Template instance;

  private final ConsoleAccess access;
  private final InventoryService inventory;
  private final ProtectionService protection;
  private final InstanceBackupService backups;
  private final RestoreService restores;
  private final PauseService pauses;
  private final DeletionConfirmationService deletions;

  InstancePages(
      ConsoleAccess access,
      InventoryService inventory,
      ProtectionService protection,
      InstanceBackupService backups,
      RestoreService restores,
      PauseService pauses,
      DeletionConfirmationService deletions) {
    this.access = access;
    this.inventory = inventory;
    this.protection = protection;
    this.backups = backups;
    this.restores = restores;
    this.pauses = pauses;
    this.deletions = deletions;
  }

  @GET
  public String list(
      @Context HttpHeaders headers,
      @QueryParam("status") String status,
      @QueryParam("cursor") String cursor) {
    ConsoleSession session = access.require(headers);
    Caller caller = ConsoleFailure.call(() -> session.caller().require(Role.READER));
    String scope = caller.isOperator() ? null : caller.projectId();
    String filter = status == null || status.isBlank() ? null : status;
    if (filter != null && !InstanceStatuses.ALL.contains(filter)) {
      throw new ConsoleFailure(
          400, "Bad request", "The status filter must be one of " + InstanceStatuses.ALL + ".");
    }
    Long after = ConsoleFailure.call(() -> position(scope, Cursor.decode(cursor)));
    List<Target> fetched = inventory.instancePage(scope, filter, null, after, PAGE_SIZE);
    Page<Target> page = Page.of(fetched, PAGE_SIZE, t -> t.externalId);
    var protections = protection.of(page.items());
    List<InstanceRow> rows =
        page.items().stream().map(t -> new InstanceRow(t, protections.get(t.id))).toList();
    return instances
        .data("session", session)
        .data("pause", pause(caller.projectId()))
        .data("rows", rows)
        .data("status", filter)
        .data("statuses", InstanceStatuses.ALL)
        .data(
            "next",
            page.nextCursor() == null
                ? null
                : "?cursor="
                    + encode(page.nextCursor())
                    + (filter == null ? "" : "&status=" + filter))
        .render();
  }

  @GET
  @Path("/{instanceId}")
  public String show(
      @Context HttpHeaders headers,
      @PathParam("instanceId") String instanceId,
      @QueryParam("run") String runId) {
    ConsoleSession session = access.require(headers);
    Target target = ConsoleFailure.call(() -> inventory.instanceFor(session.caller(), instanceId));
    return page(session, target, runId, null);
  }

  private String page(ConsoleSession session, Target target, String runId, String message) {
    Caller caller = session.caller();
    var runs =
        ConsoleFailure.call(
            () -> backups.runs(caller, target, HistoryFilter.of(null, null, null, null, "10")));
    RunResponse active = active(caller, runId, runs.items());
    return instance
        .data("session", session)
        .data("pause", pause(target.projectId))
        .data("target", target)
        .data("protection", protection.of(target))
        .data("backups", backupList(caller, target))
        .data("runs", runs.items())
        .data(
            "live",
            LiveRun.of(
                active,
                active == null ? null : "Run " + active.id(),
                "/console/instances/" + encode(target.externalId),
                "facts",
                "backups-section"))
        .data("message", message)
        .render();
  }

  /**
   * Asks the project owner by mail to confirm deleting the chosen backups of this instance ({@code
   * auth.DeletionConfirmationService}, as {@code POST /v1/deletions}): nothing is deleted until the
   * owner opens the signed, single-use link and confirms.
   */
  @POST
  @Path("/{instanceId}/deletions")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public String requestDeletion(
      @Context HttpHeaders headers,
      @PathParam("instanceId") String instanceId,
      @FormParam("csrf") String csrf,
      @FormParam("backup") List<String> backupIds) {
    ConsoleSession session = access.requireForm(headers, csrf);
    Caller caller = session.caller();
    Target target = ConsoleFailure.call(() -> inventory.instanceFor(caller, instanceId));
    if (backupIds == null || backupIds.isEmpty()) {
      throw new ConsoleFailure(400, "Bad request", "Choose at least one backup to delete.");
    }
    var own = backupList(caller, target).stream().map(BackupResponse::id).toList();
    if (!own.containsAll(backupIds)) {
      throw ConsoleFailure.notFound();
    }
    var requested = ConsoleFailure.call(() -> deletions.request(caller, backupIds));
    String message =
        "Deletion of %d backup(s) requested: the project owner (%s) was mailed a link to confirm it before %s. Nothing is deleted until then."
            .formatted(
                requested.artifactIds().size(),
                requested.sentTo(),
                ConsoleFormats.time(requested.expiresAt()));
    return page(session, target, null, message);
  }

  @POST
  @Path("/{instanceId}/backups")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response backUpNow(
      @Context HttpHeaders headers,
      @PathParam("instanceId") String instanceId,
      @FormParam("csrf") String csrf) {
    ConsoleSession session = access.requireForm(headers, csrf);
    var run =
        ConsoleFailure.call(() -> backups.runNow(session.caller(), instanceId, requestId()).run());
    return Response.seeOther(runPage(instanceId, run.id())).build();
  }

  @POST
  @Path("/{instanceId}/backups/{backupId}/restore")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response restore(
      @Context HttpHeaders headers,
      @PathParam("instanceId") String instanceId,
      @PathParam("backupId") String backupId,
      @FormParam("csrf") String csrf,
      @FormParam("name") String name) {
    ConsoleSession session = access.requireForm(headers, csrf);
    String newName = name == null || name.isBlank() ? null : name.trim();
    if (newName != null && !newName.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
      throw new ConsoleFailure(
          400,
          "Bad request",
          "The new instance's name must be 1 to 100 letters, digits, '.', '_' or '-'.");
    }
    RunResponse run =
        ConsoleFailure.call(
            () ->
                restores.restore(
                    session.caller(),
                    instanceId,
                    backupId,
                    new RestoreRequest(newName, null, null),
                    requestId()));
    return Response.seeOther(runPage(instanceId, run.id())).build();
  }

  @POST
  @Path("/{instanceId}/runs/{runId}/cancel")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response cancel(
      @Context HttpHeaders headers,
      @PathParam("instanceId") String instanceId,
      @PathParam("runId") String runId,
      @FormParam("csrf") String csrf) {
    ConsoleSession session = access.requireForm(headers, csrf);
    ConsoleFailure.call(() -> backups.cancel(session.caller(), runId, requestId()));
    return Response.seeOther(URI.create("/console/instances/" + encode(instanceId))).build();
  }

  /** The project's pause (who and when), shown as a banner while paused. */
  private PauseService.ProjectPause pause(String projectId) {
    var pause = pauses.projectPauses(List.of(projectId)).get(0);
    return pause.paused() ? pause : null;
  }

  private List<BackupResponse> backupList(Caller caller, Target target) {
    return ConsoleFailure.call(
            () -> backups.backups(caller, target, HistoryFilter.of(null, null, null, null, "50")))
        .items();
  }

  /** The run to follow live: the one named (if it is this instance's), else the newest running. */
  private RunResponse active(Caller caller, String runId, List<RunResponse> recent) {
    if (runId != null && !runId.isBlank()) {
      return ConsoleFailure.call(() -> backups.run(caller, runId));
    }
    return recent.stream()
        .filter(
            r ->
                r.state() == RunState.PENDING
                    || r.state() == RunState.REQUESTED
                    || r.state() == RunState.RUNNING)
        .findFirst()
        .orElse(null);
  }

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

  private static URI runPage(String instanceId, String runId) {
    return URI.create("/console/instances/" + encode(instanceId) + "?run=" + encode(runId));
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** Console actions are audited with a request id of their own. */
  static String requestId() {
    return UUID.randomUUID().toString();
  }
}
