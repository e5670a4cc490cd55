package dev.trovekeeper.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trovekeeper.dataset.DatasetService;
import dev.trovekeeper.diff.ChangeResponse;
import dev.trovekeeper.diff.DiffService;
import dev.trovekeeper.run.HistoryFilter;
import dev.trovekeeper.run.InstanceBackupService;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;

/**
 * The diff viewer: a diff's counts per entity and its changes, paged and filtered by kind and
 * entity, a CHANGED object's JSON Patch written out one operation a line. Live progress while the
 * diff runs. Through {@code diff.DiffService}, as {@code /v1/diffs/{id}}.
 */
@Path("/console/diffs/{diffId}")
@Produces(MediaType.TEXT_HTML)
public class DiffPages {

  static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  static final int PAGE_SIZE = 20;

  /** One change as the viewer shows it: the patch as readable lines. */
  public record ChangeRow(String entity, String id, String kind, List<String> patch) {}

  @Location("console/diff.html")
  Template diff;

  private final ConsoleAccess access;
  private final DiffService diffs;
  private final InstanceBackupService runs;
  private final DatasetService datasets;

  DiffPages(
      ConsoleAccess access,
      DiffService diffs,
      InstanceBackupService runs,
      DatasetService datasets) {
    this.access = access;
    this.diffs = diffs;
    this.runs = runs;
    this.datasets = datasets;
  }

  @GET
  public String show(
      @Context HttpHeaders headers,
      @PathParam("diffId") String diffId,
      @QueryParam("kind") String kind,
      @QueryParam("entity") String entity,
      @QueryParam("cursor") String cursor) {
    ConsoleSession session = access.require(headers);
    var caller = session.caller();
    var summary = ConsoleFailure.call(() -> diffs.summary(caller, diffId));
    String kindFilter = blank(kind) ? null : kind;
    String entityFilter = blank(entity) ? null : entity;
    var run = ConsoleFailure.call(() -> runs.run(caller, diffId));
    boolean done = RunEvents.finished(run);
    var page =
        done
            ? ConsoleFailure.call(
                () ->
                    diffs.changes(
                        caller,
                        diffId,
                        entityFilter,
                        kindFilter,
                        String.valueOf(PAGE_SIZE),
                        blank(cursor) ? null : cursor))
            : null;
    String filters =
        (kindFilter == null ? "" : "&kind=" + InstancePages.encode(kindFilter))
            + (entityFilter == null ? "" : "&entity=" + InstancePages.encode(entityFilter));
    var target = ConsoleFailure.call(() -> datasets.target(caller, summary.datasetId()));
    var others =
        ConsoleFailure.call(
                () ->
                    runs.backups(
                        caller, target, HistoryFilter.of("COMPLETED", null, null, null, "50")))
            .items()
            .stream()
            .filter(b -> !b.id().equals(summary.backupId()))
            .toList();
    return diff.data("session", session)
        .data("s", summary)
        .data("others", others)
        .data("run", run)
        .data("done", done)
        .data(
            "live",
            done
                ? null
                : LiveRun.of(
                    run,
                    "Comparing…",
                    "/console/diffs/" + InstancePages.encode(diffId),
                    "diff-result"))
        .data("kind", kindFilter)
        .data("entity", entityFilter)
        .data(
            "changes",
            page == null ? List.of() : page.items().stream().map(DiffPages::row).toList())
        .data(
            "next",
            page == null || page.nextCursor() == null
                ? null
                : "?cursor=" + InstancePages.encode(page.nextCursor()) + filters)
        .render();
  }

  private static ChangeRow row(ChangeResponse change) {
    return new ChangeRow(change.entity(), change.id(), change.kind().name(), lines(change.patch()));
  }

  /** Each JSON Patch operation as one line: "price: replaced by "1.00"", "tags/2: added …". */
  static List<String> lines(JsonNode patch) {
    List<String> out = new ArrayList<>();
    if (patch == null || !patch.isArray()) {
      return out;
    }
    for (JsonNode op : patch) {
      String path =
          op.path("path").asText().replaceFirst("^/", "").replace("~1", "/").replace("~0", "~");
      String value = op.has("value") ? op.get("value").toString() : "";
      out.add(
          switch (op.path("op").asText()) {
            case "replace" -> path + ": now " + value;
            case "add" -> path + ": added " + value;
            case "remove" -> path + ": removed";
            default -> op.toString();
          });
    }
    return out;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
