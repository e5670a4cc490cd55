package dev.trovekeeper.console;

import dev.trovekeeper.api.KeeperException;
import dev.trovekeeper.auth.ProjectIds;
import dev.trovekeeper.operator.AdminProjectRequest;
import dev.trovekeeper.operator.AdminProjectResponse;
import dev.trovekeeper.operator.ProjectService;
import dev.trovekeeper.operator.TierResponse;
import dev.trovekeeper.operator.TierService;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An operator's settings of one project (operator project admins only): its tier and owner e-mail,
 * saved through {@link ProjectService} as {@code PUT /v1/admin/projects/{id}} does, with the same
 * validation; errors are shown next to the field they name and change nothing.
 */
@Path("/console/operator/settings/{projectId}")
@Produces(MediaType.TEXT_HTML)
public class ProjectSettingsPages {

  @Location("console/project-settings.html")
  Template page;

  private final ConsoleAccess access;
  private final ProjectService projects;
  private final TierService tiers;
  private final ProjectIds ids;
  private final Validator validator;

  ProjectSettingsPages(
      ConsoleAccess access,
      ProjectService projects,
      TierService tiers,
      ProjectIds ids,
      Validator validator) {
    this.access = access;
    this.projects = projects;
    this.tiers = tiers;
    this.ids = ids;
    this.validator = validator;
  }

  @GET
  public Response show(@Context HttpHeaders headers, @PathParam("projectId") String projectId) {
    ConsoleSession session = OperatorPages.operatorSession(access.require(headers));
    AdminProjectResponse current = settings(projectId);
    return render(session, current, current.tier(), current.ownerEmail(), Map.of(), null, 200);
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response save(
      @Context HttpHeaders headers,
      @PathParam("projectId") String projectId,
      @FormParam("csrf") String csrf,
      @FormParam("tier") String tier,
      @FormParam("ownerEmail") String ownerEmail) {
    ConsoleSession session = OperatorPages.operatorSession(access.requireForm(headers, csrf));
    AdminProjectResponse current = settings(projectId);
    String tierName = blankToNull(tier);
    String email = blankToNull(ownerEmail);
    Map<String, String> errors = new LinkedHashMap<>();
    if (tierName != null && tiers.list().stream().noneMatch(t -> t.name().equals(tierName))) {
      errors.put("tier", "no tier '" + tierName + "'");
    }
    AdminProjectRequest request = AdminProjectRequest.of(tierName, email);
    validator
        .validate(request)
        .forEach(v -> errors.merge(v.getPropertyPath().toString(), v.getMessage(), join()));
    if (!errors.isEmpty()) {
      return render(session, current, tierName, email, errors, null, 400);
    }
    try {
      AdminProjectResponse saved =
          projects.update(TierPages.actor(session), current.projectId(), request);
      return render(
          session, saved, saved.tier(), saved.ownerEmail(), Map.of(), "Settings saved.", 200);
    } catch (KeeperException e) {
      // the tier was deleted since the check above
      if (e.code().status() != 404 || tierName == null) {
        throw ConsoleFailure.of(e);
      }
      return render(session, current, tierName, email, Map.of("tier", e.getMessage()), null, 404);
    }
  }

  /** The project's settings; 400 for a malformed id, not found for one Keystone does not know. */
  private AdminProjectResponse settings(String projectId) {
    return ConsoleFailure.call(() -> projects.get(ids.require("projectId", projectId)));
  }

  private Response render(
      ConsoleSession session,
      AdminProjectResponse project,
      String tier,
      String ownerEmail,
      Map<String, String> errors,
      String message,
      int status) {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("tier", tier == null ? "" : tier);
    v.put("ownerEmail", ownerEmail == null ? "" : ownerEmail);
    List<TierResponse> all = tiers.list();
    return TierPages.html(
        page.data("session", session)
            .data("project", project)
            .data("tiers", all)
            .data("v", v)
            .data("errors", errors)
            .data("message", message)
            .render(),
        status);
  }

  private static java.util.function.BinaryOperator<String> join() {
    return (a, b) -> a + "; " + b;
  }

  private static String blankToNull(String v) {
    return v == null || v.isBlank() ? null : v.trim();
  }
}
