package dev.trovekeeper.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.logging.Log;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The one place errors become HTTP answers: application/problem+json, never a stack trace. */
public class ProblemMapper {

  @ServerExceptionMapper
  public Response keeper(KeeperException e, UriInfo uri, ContainerRequestContext request) {
    return answer(e.code(), e.getMessage(), e.errors().isEmpty() ? null : e.errors(), uri, request);
  }

  @ServerExceptionMapper
  public Response validation(
      ConstraintViolationException e, UriInfo uri, ContainerRequestContext request) {
    List<Problem.FieldError> errors =
        e.getConstraintViolations().stream()
            .map(ProblemMapper::fieldError)
            .sorted(Comparator.comparing(Problem.FieldError::field))
            .toList();
    return answer(
        ErrorCode.VALIDATION_FAILED, errors.size() + " invalid field(s)", errors, uri, request);
  }

  @ServerExceptionMapper
  public Response unreadable(
      JsonProcessingException e, UriInfo uri, ContainerRequestContext request) {
    String detail =
        e instanceof UnrecognizedPropertyException unknown
            ? "unknown field '" + unknown.getPropertyName() + "'"
            : e.getOriginalMessage();
    List<Problem.FieldError> errors = null;
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      // Jackson stops at the first unreadable field; name it like a validation error.
      errors = List.of(new Problem.FieldError(path(mapping), abbreviate(detail)));
    } else if (e.getProcessor() instanceof com.fasterxml.jackson.core.JsonParser parser
        && parser.getParsingContext() != null
        && parser.getParsingContext().getCurrentName() != null) {
      // A number out of range is reported by the parser, which knows the field it was reading.
      errors =
          List.of(
              new Problem.FieldError(
                  parser.getParsingContext().getCurrentName(), abbreviate(detail)));
    }
    return answer(ErrorCode.MALFORMED_REQUEST, detail, errors, uri, request);
  }

  /** Takes precedence over Quarkus' own mapper of this exception, which answers without a body. */
  @ServerExceptionMapper
  public Response mismatched(
      MismatchedInputException e, UriInfo uri, ContainerRequestContext request) {
    return unreadable(e, uri, request);
  }

  @ServerExceptionMapper
  public Response web(WebApplicationException e, UriInfo uri, ContainerRequestContext request) {
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof JsonProcessingException unreadable) {
        return unreadable(unreadable, uri, request); // the body reader wrapped Jackson's error
      }
    }
    int status = e.getResponse().getStatus();
    ErrorCode code =
        switch (status) {
          case 400 -> ErrorCode.MALFORMED_REQUEST;
          case 401 -> ErrorCode.UNAUTHENTICATED;
          case 403 -> ErrorCode.FORBIDDEN;
          case 404 -> ErrorCode.NOT_FOUND;
          case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
          case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
          default -> status >= 500 ? ErrorCode.INTERNAL : ErrorCode.MALFORMED_REQUEST;
        };
    if (status >= 500) {
      Log.error("Request failed", e);
    }
    return answer(code, e.getMessage(), null, uri, request);
  }

  /** Two writers changed the same row at once (e.g. a policy change and the schedule engine). */
  @ServerExceptionMapper
  public Response concurrent(
      jakarta.persistence.OptimisticLockException e, UriInfo uri, ContainerRequestContext request) {
    return answer(
        ErrorCode.CONFLICT,
        "changed concurrently by another request or by the service itself; try again",
        null,
        uri,
        request);
  }

  @ServerExceptionMapper
  public Response unexpected(Throwable e, UriInfo uri, ContainerRequestContext request) {
    Log.errorf(
        e, "Unexpected error on %s (request %s)", uri.getPath(), RequestIdFilter.of(request));
    return answer(ErrorCode.INTERNAL, "see the service log for request id", null, uri, request);
  }

  private static Response answer(
      ErrorCode code,
      String detail,
      List<Problem.FieldError> errors,
      UriInfo uri,
      ContainerRequestContext request) {
    Problem problem =
        new Problem(
            code.type(),
            code.title(),
            code.status(),
            detail,
            uri == null ? null : uri.getPath(),
            code.name(),
            RequestIdFilter.of(request),
            errors);
    return Response.status(code.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
  }

  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String abbreviate(String text) {
    return text == null || text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }

  private static Problem.FieldError fieldError(ConstraintViolation<?> violation) {
    String path = violation.getPropertyPath().toString();
    // Drop the method and parameter prefix Bean Validation puts on resource parameters.
    String[] parts = path.split("\\.", 3);
    String field = parts.length == 3 ? parts[2] : parts[parts.length - 1];
    return new Problem.FieldError(field, violation.getMessage());
  }
}
