package dev.trovekeeper.console;

import dev.trovekeeper.api.ErrorCode;
import dev.trovekeeper.api.KeeperException;
import dev.trovekeeper.api.Problem.FieldError;
import dev.trovekeeper.operator.AdminActor;
import dev.trovekeeper.operator.TierRequest;
import dev.trovekeeper.operator.TierService;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * Tiers (operator project admins only): the list with their bounds, a form to create one, and each
 * tier's edit form with delete. Calls {@link TierService} as {@code /v1/admin/tiers} does, with the
 * same validation; errors are shown next to the field they name.
 */
@Path("/console/operator/tiers")
@Produces(MediaType.TEXT_HTML)
public class TierPages {

  @Location("console/tiers.html")
  Template tiersPage;

  @Location("console/tier.html")
  Template tierPage;

  private final ConsoleAccess access;
  private final TierService tiers;
  private final Validator validator;

  TierPages(ConsoleAccess access, TierService tiers, Validator validator) {
    this.access = access;
    this.tiers = tiers;
    this.validator = validator;
  }

  @GET
  public Response list(@Context HttpHeaders headers) {
    ConsoleSession session = OperatorPages.operatorSession(access.require(headers));
    return list(session, TierForm.of(null), null, 200);
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response create(@Context HttpHeaders headers, MultivaluedMap<String, String> posted) {
    ConsoleSession session = operatorForm(headers, posted);
    TierForm form = TierForm.posted(values(posted));
    TierRequest request = form.request(validator);
    if (request == null) {
      return list(session, form, null, 400);
    }
    try {
      tiers.create(actor(session), request);
    } catch (KeeperException e) {
      // a taken name is the name field's error
      form.errors.addAll(
          e.code() == ErrorCode.CONFLICT
              ? java.util.List.of(new FieldError("name", e.getMessage()))
              : fieldErrors(e));
      return list(session, form, null, e.code().status());
    }
    return list(session, TierForm.of(null), "Tier " + request.name() + " created.", 200);
  }

  @GET
  @Path("/{name}")
  public Response edit(@Context HttpHeaders headers, @PathParam("name") String name) {
    ConsoleSession session = OperatorPages.operatorSession(access.require(headers));
    TierForm form = TierForm.of(ConsoleFailure.call(() -> tiers.get(name)));
    return edit(session, name, form, null, 200);
  }

  @POST
  @Path("/{name}")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response update(
      @Context HttpHeaders headers,
      @PathParam("name") String name,
      MultivaluedMap<String, String> posted) {
    ConsoleSession session = operatorForm(headers, posted);
    ConsoleFailure.call(() -> tiers.get(name));
    Map<String, String> values = values(posted);
    values.put("name", name); // no renaming: the name is the page's
    TierForm form = TierForm.posted(values);
    TierRequest request = form.request(validator);
    if (request == null) {
      return edit(session, name, form, null, 400);
    }
    try {
      TierForm saved = TierForm.of(tiers.update(actor(session), name, request));
      return edit(session, name, saved, "Tier saved.", 200);
    } catch (KeeperException e) {
      form.errors.addAll(fieldErrors(e));
      return edit(session, name, form, null, e.code().status());
    }
  }

  /** Deletes a tier no project is on; otherwise the tier's page says why not. */
  @POST
  @Path("/{name}/delete")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response delete(
      @Context HttpHeaders headers,
      @PathParam("name") String name,
      MultivaluedMap<String, String> posted) {
    ConsoleSession session = operatorForm(headers, posted);
    try {
      tiers.delete(actor(session), name);
    } catch (KeeperException e) {
      if (e.code() != ErrorCode.CONFLICT) {
        throw ConsoleFailure.of(e);
      }
      return edit(session, name, TierForm.of(tiers.get(name)), e.getMessage(), 409);
    }
    return Response.seeOther(URI.create("/console/operator/tiers")).build();
  }

  private ConsoleSession operatorForm(HttpHeaders headers, MultivaluedMap<String, String> posted) {
    return OperatorPages.operatorSession(access.requireForm(headers, posted.getFirst("csrf")));
  }

  private static Map<String, String> values(MultivaluedMap<String, String> posted) {
    Map<String, String> values = new HashMap<>();
    TierForm.FIELDS.forEach(f -> values.put(f, posted.getFirst(f)));
    return values;
  }

  /** The service's field errors; an error naming no field is shown as an error page. */
  private static java.util.List<FieldError> fieldErrors(KeeperException e) {
    if (e.errors().isEmpty()) {
      throw ConsoleFailure.of(e);
    }
    return e.errors();
  }

  static AdminActor actor(ConsoleSession session) {
    var caller = session.caller();
    return new AdminActor(caller.userId(), caller.projectId(), InstancePages.requestId());
  }

  private Response list(ConsoleSession session, TierForm form, String message, int status) {
    return html(
        tiersPage
            .data("session", session)
            .data("tiers", tiers.list())
            .data("v", form.values)
            .data("errors", form.errorsByField())
            .data("message", message)
            .render(),
        status);
  }

  private Response edit(
      ConsoleSession session, String name, TierForm form, String message, int status) {
    return html(
        tierPage
            .data("session", session)
            .data("name", name)
            .data("v", form.values)
            .data("errors", form.errorsByField())
            .data("message", message)
            .data("failed", status >= 400)
            .render(),
        status);
  }

  static Response html(String html, int status) {
    return Response.status(status)
        .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
        .entity(html)
        .build();
  }
}
