package dev.trovekeeper.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trovekeeper.datarestore.DataRestoreRequest;
import dev.trovekeeper.datarestore.DataRestoreRequest.ObjectRef;
import dev.trovekeeper.datarestore.DataRestoreRequest.Selection;
import dev.trovekeeper.datarestore.DataRestoreService;
import dev.trovekeeper.dataset.DatasetViews;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Restoring a dataset backup into the live source: choose what (everything, whole entities, single
 * objects by id per entity), see the estimate (calls per entity, ETA under the source's rate
 * limit), then start; the restore's page shows its progress, counts and error log. Through {@code
 * datarestore.DataRestoreService}, as {@code /v1/datasets/{id}/restores} and {@code
 * /v1/dataset-restores/{id}}.
 */
@Path("/console/datasets/{datasetId}/restore")
@Produces(MediaType.TEXT_HTML)
public class DataRestorePages {

  @Location("console/restore-form.html")
  Template form;

  private final ConsoleAccess access;
  private final DatasetViews datasets;
  private final DataRestoreService restores;

  DataRestorePages(ConsoleAccess access, DatasetViews datasets, DataRestoreService restores) {
    this.access = access;
    this.datasets = datasets;
    this.restores = restores;
  }

  @GET
  public String choose(
      @Context HttpHeaders headers,
      @PathParam("datasetId") String datasetId,
      @QueryParam("backup") String backupId) {
    ConsoleSession session = access.require(headers);
    return page(session, datasetId, backup(backupId), true, List.of(), Map.of(), false, null);
  }

  /** {@code action=estimate} shows the estimate of the selection; {@code action=start} starts. */
  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response submit(
      @Context HttpHeaders headers,
      @PathParam("datasetId") String datasetId,
      @FormParam("csrf") String csrf,
      @FormParam("backupId") String backupId,
      @FormParam("scope") String scope,
      @FormParam("entity") List<String> entities,
      @FormParam("objectEntity") List<String> objectEntities,
      @FormParam("objectIds") List<String> objectIds,
      @FormParam("includeAdded") String includeAdded,
      @FormParam("action") String action) {
    ConsoleSession session = access.requireForm(headers, csrf);
    String backup = backup(backupId);
    boolean all = !"entities".equals(scope);
    List<String> chosen = entities == null ? List.of() : entities;
    Map<String, String> typed = RestoreObjects.typed(objectEntities, objectIds);
    List<ObjectRef> objects = all ? List.of() : RestoreObjects.refs(typed);
    if (!all && chosen.isEmpty() && objects.isEmpty()) {
      throw new ConsoleFailure(
          400, "Bad request", "Choose at least one entity or object id, or everything.");
    }
    var names =
        entities(
            ConsoleFailure.call(() -> datasets.show(session.caller(), datasetId))
                .source()
                .config());
    if (!names.containsAll(chosen) || !names.containsAll(typed.keySet())) {
      throw new ConsoleFailure(400, "Bad request", "Choose entities of the dataset's source.");
    }
    boolean added = "on".equals(includeAdded);
    var request =
        new DataRestoreRequest(
            backup,
            new Selection(
                all ? true : null, all ? null : chosen, objects.isEmpty() ? null : objects),
            added);
    if ("start".equals(action)) {
      var run =
          ConsoleFailure.call(
              () ->
                  restores.request(
                      session.caller(), datasetId, request, InstancePages.requestId()));
      return Response.seeOther(
              URI.create("/console/dataset-restores/" + InstancePages.encode(run.id())))
          .build();
    }
    var estimate =
        ConsoleFailure.call(() -> restores.estimate(session.caller(), datasetId, request));
    return Response.ok(page(session, datasetId, backup, all, chosen, typed, added, estimate))
        .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
        .build();
  }

  private String page(
      ConsoleSession session,
      String datasetId,
      String backupId,
      boolean all,
      List<String> chosen,
      Map<String, String> typed,
      boolean includeAdded,
      Object estimate) {
    var dataset = ConsoleFailure.call(() -> datasets.show(session.caller(), datasetId));
    List<String> names = entities(dataset.source().config());
    return form.data("session", session)
        .data("d", dataset)
        .data("backupId", backupId)
        .data("entities", names)
        .data("all", all)
        .data("chosen", chosen)
        .data("typed", typed)
        .data("includeAdded", includeAdded)
        .data("estimate", estimate)
        .render();
  }

  /** The entity names of a source: a REST source's {@code entities[].name}, a SQL's tables. */
  static List<String> entities(JsonNode config) {
    List<String> out = new ArrayList<>();
    if (config == null) {
      return out;
    }
    config.path("entities").forEach(e -> out.add(e.path("name").asText()));
    config
        .path("tables")
        .forEach(t -> out.add(t.isTextual() ? t.asText() : t.path("name").asText()));
    return out;
  }

  private static String backup(String backupId) {
    if (backupId == null || !backupId.matches(DiffPages.UUID)) {
      throw ConsoleFailure.notFound();
    }
    return backupId;
  }
}
