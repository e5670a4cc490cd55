package dev.trovekeeper.console;

import dev.trovekeeper.api.ErrorCode;
import dev.trovekeeper.api.KeeperException;
import dev.trovekeeper.api.Problem.FieldError;
import dev.trovekeeper.auth.Caller;
import dev.trovekeeper.policy.CronExpressions;
import dev.trovekeeper.policy.PolicyResponse;
import dev.trovekeeper.policy.PolicySpec;
import dev.trovekeeper.policy.ScheduleKind;
import dev.trovekeeper.policy.TenantPolicyService;
import dev.trovekeeper.policy.TierBoundsSource;
import dev.trovekeeper.retention.RetentionPreview;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The project policy editor: server errors shown next to the field they name. */
@Path("/console/policy")
@Produces(MediaType.TEXT_HTML)
public class PolicyPages {

  @Location("console/policy.html")
  Template policy;

  private final ConsoleAccess access;
  private final TenantPolicyService policies;
  private final TierBoundsSource tiers;
  private final RetentionPreview previews;
  private final Clock clock;

  PolicyPages(
      ConsoleAccess access,
      TenantPolicyService policies,
      TierBoundsSource tiers,
      RetentionPreview previews,
      Clock clock) {
    this.access = access;
    this.policies = policies;
    this.tiers = tiers;
    this.previews = previews;
    this.clock = clock;
  }

  @GET
  public Response show(@Context HttpHeaders headers) {
    ConsoleSession session = access.require(headers);
    Optional<PolicyResponse> current = current(session.caller());
    PolicyForm form = PolicyForm.of(current.map(PolicyResponse::fields).orElse(null));
    return page(session, form, current, null, 200, current.map(PolicyResponse::fields));
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response save(@Context HttpHeaders headers, MultivaluedMap<String, String> posted) {
    ConsoleSession session = access.requireForm(headers, posted.getFirst("csrf"));
    Map<String, String> values = new HashMap<>();
    PolicyForm.FIELDS.forEach(f -> values.put(f, posted.getFirst(f)));
    PolicyForm form = PolicyForm.posted(values);
    PolicySpec spec = form.spec();
    if (spec == null) {
      return page(session, form, current(session.caller()), null, 400, Optional.empty());
    }
    if ("preview".equals(posted.getFirst("action"))) {
      // shows what the edited retention would keep; saves nothing
      return page(
          session,
          form,
          current(session.caller()),
          "Preview of the edited policy: nothing saved yet.",
          200,
          Optional.of(spec));
    }
    try {
      PolicyResponse saved =
          policies.setProjectDefault(session.caller(), spec, InstancePages.requestId());
      return page(
          session,
          PolicyForm.of(saved.fields()),
          Optional.of(saved),
          "Policy saved.",
          200,
          Optional.of(saved.fields()));
    } catch (KeeperException e) {
      if (e.errors().isEmpty()) {
        throw ConsoleFailure.of(e);
      }
      form.errors.addAll(e.errors());
      return page(
          session, form, current(session.caller()), null, e.code().status(), Optional.empty());
    }
  }

  private Optional<PolicyResponse> current(Caller caller) {
    try {
      return Optional.of(policies.projectDefault(caller));
    } catch (KeeperException e) {
      if (e.code() == ErrorCode.NOT_FOUND) {
        return Optional.empty();
      }
      throw ConsoleFailure.of(e);
    }
  }

  private Response page(
      ConsoleSession session,
      PolicyForm form,
      Optional<PolicyResponse> current,
      String message,
      int status,
      Optional<PolicySpec> retention) {
    Map<String, String> errors = form.errorsByField();
    List<String> unplaced = new ArrayList<>();
    form.errors.stream()
        .map(FieldError::field)
        .filter(f -> !PolicyForm.FIELDS.contains(f))
        .distinct()
        .forEach(f -> unplaced.add(f + ": " + errors.get(f)));
    String html =
        policy
            .data("session", session)
            .data("v", form.values)
            .data("errors", errors)
            .data("unplaced", unplaced)
            .data("message", message)
            .data("hasPolicy", current.isPresent())
            .data("tier", tiers.boundsFor(session.caller().projectId()).orElse(null))
            .data("slots", current.map(p -> nextSlots(p.fields())).orElse(List.of()))
            .data(
                "preview",
                retention
                    .flatMap(spec -> previews.ofProjectDefault(session.caller().projectId(), spec))
                    .orElse(null))
            .render();
    return Response.status(status)
        .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
        .entity(html)
        .build();
  }

  /** The next five cron slots of the saved policy, in its time zone (a window shows none). */
  private List<String> nextSlots(PolicySpec spec) {
    if (spec.scheduleKind() != ScheduleKind.CRON || spec.cronExpression() == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    try {
      var cron = CronExpressions.parse(spec.cronExpression());
      ZoneId zone = ZoneId.of(spec.timeZone() == null ? "UTC" : spec.timeZone());
      Instant at = clock.instant();
      for (int i = 0; i < 5; i++) {
        Optional<Instant> next = CronExpressions.next(cron, zone, at);
        if (next.isEmpty()) {
          break;
        }
        at = next.get();
        out.add(at.atZone(zone).toString());
      }
    } catch (RuntimeException e) {
      return List.of(); // a stored policy was validated; a preview never breaks the page
    }
    return out;
  }
}
