package dev.trovekeeper.demo;

import java.util.List;
import java.util.Map;

/** Maps Trove paths and verbs to the instance and backup use cases and their views. */
final class TroveRoutes {

  private final RegionState state;
  private final InstanceService instances;
  private final BackupService backups;
  private final TroveViews views;
  private final LimitsView limits;

  TroveRoutes(
      RegionState state,
      InstanceService instances,
      BackupService backups,
      TroveViews views,
      LimitsView limits) {
    this.state = state;
    this.instances = instances;
    this.backups = backups;
    this.views = views;
    this.limits = limits;
  }

  /**
   * Answers one Trove request.
   *
   * @param backupFails an injected {@link Fault#backupFails()}: a backup created now ends FAILED
   */
  Reply route(Request req, Caller caller, boolean backupFails) {
    var parts = List.of(req.path().split("/")).subList(3, req.path().split("/").length);
    var project = caller.projectId();
    var base = req.linkBase();
    var key = req.method() + " " + shape(parts);
    return switch (key) {
      case "GET instances" ->
          ok(
              Page.of(
                  "instances",
                  state.listed(project, includeClustered(req)),
                  req,
                  false,
                  i -> i.id,
                  i -> views.instanceSummary(i, base)));
      case "POST instances" -> {
        var created = instances.create(caller, InstanceSpec.parse(Json.read(req.body())));
        yield ok(Map.of("instance", views.instanceDetail(created, base)));
      }
      case "GET instances/*" ->
          ok(Map.of("instance", views.instanceDetail(instance(project, parts.get(1)), base)));
      case "DELETE instances/*" -> {
        instances.delete(caller, parts.get(1));
        yield Reply.empty(202);
      }
      case "POST instances/*/action" -> action(req, caller, parts.get(1));
      case "GET instances/*/backups" -> {
        var id = instance(project, parts.get(1)).id;
        var list = state.backups(project).stream().filter(b -> b.instanceId.equals(id)).toList();
        yield ok(Page.of("backups", list, req, true, b -> b.id, views::backup));
      }
      case "GET backups" -> {
        var filter = req.query().get("instance_id");
        var list =
            state.backups(project).stream()
                .filter(b -> filter == null || b.instanceId.equals(filter))
                .toList();
        yield ok(Page.of("backups", list, req, true, b -> b.id, views::backup));
      }
      case "POST backups" -> {
        var request = BackupRequest.parse(Json.read(req.body()));
        var created = backups.create(caller, request, backupFails);
        yield Reply.json(202, Map.of("backup", views.backup(created)));
      }
      case "GET backups/*" -> {
        var id = parts.get(1);
        var backup = state.backup(project, id).orElseThrow(() -> TroveException.notFound(id));
        yield ok(Map.of("backup", views.backup(backup)));
      }
      case "DELETE backups/*" -> {
        backups.delete(caller, parts.get(1));
        yield Reply.empty(202);
      }
      case "GET limits" -> ok(limits.body(project));
      case "GET flavors" ->
          ok(
              Map.of(
                  "flavors",
                  Flavors.IDS.stream()
                      .map(f -> Flavors.view(f, base + "/v1.0/" + project))
                      .toList()));
      case "GET mgmt/instances" -> mgmtInstances(req, caller);
      default ->
          new TroveException(404, "itemNotFound", "The resource could not be found.").reply();
    };
  }

  /** The instance actions the demo region knows: {@code {"restart": {}}}. */
  private Reply action(Request req, Caller caller, String id) {
    var body = Json.read(req.body());
    if (!body.has("restart")) {
      throw TroveException.badRequest("the demo region knows only the 'restart' action");
    }
    instances.restart(caller, id);
    return Reply.empty(202);
  }

  /**
   * Admin only (401 otherwise, as recorded). Every project's instances in one answer, newest first:
   * Trove 18 ignores {@code limit} here (unless {@link RegionState#mgmtPageSize()} makes it page).
   * Deleted ones too unless {@code ?deleted=false}; cluster members only with {@code
   * ?include_clustered=true}.
   */
  private Reply mgmtInstances(Request req, Caller caller) {
    if (!caller.isAdmin()) {
      return new TroveException(401, "unauthorized", "User does not have admin privileges.")
          .reply();
    }
    var deleted = req.query().get("deleted");
    var clustered = includeClustered(req);
    var list =
        state.allInstances().stream()
            .filter(i -> deleted == null || Boolean.parseBoolean(deleted) == i.deleted())
            .filter(i -> clustered || i.clusterId == null)
            .toList();
    int pageSize = state.mgmtPageSize();
    if (pageSize > 0) {
      return ok(
          Page.of(
              "instances",
              list,
              capped(req, pageSize),
              false,
              i -> i.id,
              i -> views.instanceMgmt(i, req.linkBase(), caller.projectId())));
    }
    return ok(
        Json.obj(
            "instances",
            list.stream()
                .map(i -> views.instanceMgmt(i, req.linkBase(), caller.projectId()))
                .toList()));
  }

  /** The request with its {@code limit} at most {@code max}, as Trove caps it at its page size. */
  private static Request capped(Request req, int max) {
    var query = new java.util.LinkedHashMap<>(req.query());
    String asked = query.get("limit");
    int limit =
        asked == null || !asked.matches("\\d{1,9}") ? max : Math.min(max, Integer.parseInt(asked));
    query.put("limit", String.valueOf(limit));
    return new Request(req.exchange(), req.method(), req.path(), query, req.body());
  }

  private static boolean includeClustered(Request req) {
    return "true".equalsIgnoreCase(req.query().get("include_clustered"));
  }

  private Instance instance(String project, String id) {
    return state.instance(project, id).orElseThrow(() -> TroveException.notFound(id));
  }

  private static String shape(List<String> parts) {
    var sb = new StringBuilder();
    for (int i = 0; i < parts.size(); i++) {
      boolean id = i % 2 == 1 && !parts.get(0).equals("mgmt");
      sb.append(i == 0 ? "" : "/").append(id ? "*" : parts.get(i));
    }
    return sb.toString();
  }

  private static Reply ok(Object body) {
    return Reply.json(200, body);
  }
}
