package dev.trovekeeper.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
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

  /** A limit: the problem, and {@code Retry-After} in seconds. */
  @ServerExceptionMapper
  public Response retryLater(RetryLaterException e, UriInfo uri, ContainerRequestContext request) {
    long seconds =
        Math.max(1, java.time.Duration.between(java.time.Instant.now(), e.retryAt()).toSeconds());
    return Response.fromResponse(keeper(e, uri, request)).header("Retry-After", seconds).build();
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
    if (e instanceof JsonParseException syntax && !(e instanceof InputCoercionException)) {
      return answer(ErrorCode.MALFORMED_REQUEST, JsonErrors.syntax(syntax), null, uri, request);
    }
    String field = null;
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      field = path(mapping); // Jackson stops at the first unreadable field
    } else if (e.getProcessor() instanceof com.fasterxml.jackson.core.JsonParser parser
        && parser.getParsingContext() != null
        && parser.getParsingContext().getCurrentName() != null) {
      // A number out of range is reported by the parser, which knows the field it was reading.
      field = parser.getParsingContext().getCurrentName();
    }
    if (field == null) {
      // The body as a whole has the wrong shape (an array, a string, nothing).
      String detail =
          e instanceof MismatchedInputException && e.getMessage().contains("end-of-input")
              ? "a JSON body is required"
              : "the body must be a JSON object";
      return answer(ErrorCode.MALFORMED_REQUEST, detail, null, uri, request);
    }
    String message = JsonErrors.expectation(e);
    List<Problem.FieldError> errors =
        List.of(
            new Problem.FieldError(
                field, e instanceof UnrecognizedPropertyException ? "unknown field" : message));
    String detail =
        e instanceof UnrecognizedPropertyException
            ? "unknown field '" + abbreviate(field) + "'"
            : abbreviate(field) + " " + message;
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
          case 406 -> ErrorCode.NOT_ACCEPTABLE;
          case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
          default -> status >= 500 ? ErrorCode.INTERNAL : ErrorCode.MALFORMED_REQUEST;
        };
    if (status >= 500) {
      Log.error("Request failed", e);
    }
    String detail =
        status == 406
            ? "the Accept header names no media type this resource answers (the progress stream"
                + " is text/event-stream, everything else application/json)"
            : e.getMessage();
    return answer(code, detail, null, uri, request);
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
