package dev.trovekeeper.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import java.util.UUID;

/**
 * Refuses, before routing, every request whose raw path would be normalised into another path (see
 * {@link RawPaths}): 400 {@code application/problem+json}, nothing reaches a resource.
 */
@ApplicationScoped
public class RawPathGuard {

  /** Ahead of every other filter, so that nothing sees the normalised path first. */
  static final int PRIORITY = 10_000;

  private final ObjectMapper json;

  RawPathGuard(ObjectMapper json) {
    this.json = json;
  }

  void register(@Observes Filters filters) {
    filters.register(this::check, PRIORITY);
  }

  void check(RoutingContext context) {
    Optional<String> problem = RawPaths.problem(context.request().path());
    if (problem.isEmpty()) {
      context.next();
      return;
    }
    String given = context.request().getHeader(RequestIdFilter.HEADER);
    String requestId =
        given != null && given.matches("[A-Za-z0-9._-]{1,64}")
            ? given
            : UUID.randomUUID().toString();
    ErrorCode code = ErrorCode.VALIDATION_FAILED;
    Problem body =
        new Problem(
            code.type(),
            code.title(),
            code.status(),
            problem.get(),
            null,
            code.name(),
            requestId,
            null);
    try {
      context
          .response()
          .setStatusCode(code.status())
          .putHeader("Content-Type", Problem.MEDIA_TYPE)
          .putHeader(RequestIdFilter.HEADER, requestId)
          .end(json.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      context.fail(e);
    }
  }
}
