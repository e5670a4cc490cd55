package dev.trovekeeper.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.vertx.http.ManagementInterface;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The HTTP layer's own refusals as {@code application/problem+json}, on the API port and on the
 * management port: before routing, a request line or header block over {@link HttpLimitsConfig}
 * (414, 431), a raw path that would be normalised into another path (see {@link RawPaths}) or a
 * query that is not percent-encoded (400); and every 4xx Vert.x raises while it parses the request
 * (no or an invalid {@code Host}, a path it cannot decode), which Quarkus answers with an empty or
 * a stack-trace body.
 *
 * <p>Netty's own limits ({@code quarkus.http.limits.*}, {@code quarkus.management.limits.*}) are
 * set well above these so that such requests reach this guard; a request beyond them, or one whose
 * request line or header lines HTTP cannot parse at all, is still refused by Vert.x with an empty
 * body: Quarkus 3.30 offers no hook for Vert.x's invalid-request handler (ADR 0090).
 */
@ApplicationScoped
public class HttpLayerGuard {

  /**
   * Quarkus' root handler answers a request target {@link URI} refuses with an empty 400 before any
   * router sees it, unless this system property is true; the service sets it at start ({@code
   * boot.TroveKeeperMain}; tests: the surefire configuration) and this guard makes the same check
   * with a problem body.
   */
  public static final String URI_VALIDATION = "vertx.disableURIValidation";

  /** Ahead of every other filter, so that nothing sees the normalised path first. */
  static final int PRIORITY = 10_000;

  private final ObjectMapper json;
  private final HttpLimitsConfig limits;

  HttpLayerGuard(ObjectMapper json, HttpLimitsConfig limits) {
    this.json = json;
    this.limits = limits;
  }

  void register(@Observes Filters filters) {
    filters.register(this::check, PRIORITY);
  }

  void failures(@Observes Router router) {
    router.route().order(Integer.MIN_VALUE).failureHandler(this::failed);
  }

  void management(@Observes ManagementInterface management) {
    Router router = management.router();
    router.route().order(Integer.MIN_VALUE).handler(this::check);
    router.route().order(Integer.MIN_VALUE).failureHandler(this::failed);
  }

  void check(RoutingContext context) {
    HttpServerRequest request = context.request();
    int line = requestLineLength(request);
    if (line > limits.maxRequestLine()) {
      answer(
          context,
          ErrorCode.URI_TOO_LONG,
          "the request line is %d bytes; at most %d are accepted (send long values in a body, or page with the cursor the API returns)"
              .formatted(line, limits.maxRequestLine()));
      return;
    }
    int headers = headerSize(request);
    if (headers > limits.maxHeaderSize()) {
      answer(
          context,
          ErrorCode.HEADERS_TOO_LARGE,
          "the request headers are %d bytes; at most %d are accepted"
              .formatted(headers, limits.maxHeaderSize()));
      return;
    }
    Optional<String> path = RawPaths.problem(request.path());
    if (path.isPresent()) {
      answer(context, ErrorCode.VALIDATION_FAILED, path.get());
      return;
    }
    Optional<String> query = RawPaths.queryProblem(request.query());
    if (query.isPresent()) {
      answer(context, ErrorCode.BAD_HTTP_REQUEST, query.get());
      return;
    }
    try {
      // The check Quarkus' root handler makes, answering an empty 400 (URI_VALIDATION below).
      new URI(request.uri());
    } catch (URISyntaxException e) {
      answer(
          context,
          ErrorCode.BAD_HTTP_REQUEST,
          "the request target is not a valid URI: %s at character %d (percent-encode it)"
              .formatted(e.getReason(), e.getIndex()));
      return;
    }
    context.next();
  }

  /**
   * A request Vert.x itself failed with 400, 414 or 431 while routing it; anything else (413 from
   * the body limit, 5xx) goes on to Quarkus' handler with its status.
   */
  void failed(RoutingContext context) {
    int status = context.statusCode();
    if (context.response().headWritten() || (status != 400 && status != 414 && status != 431)) {
      context.next();
      return;
    }
    HttpServerRequest request = context.request();
    Optional<String> path = RawPaths.problem(request.path());
    if (status == 414) {
      answer(context, ErrorCode.URI_TOO_LONG, "the request line is too long");
    } else if (status == 431) {
      answer(context, ErrorCode.HEADERS_TOO_LARGE, "the request headers are too large");
    } else if (path.isPresent()) {
      answer(context, ErrorCode.VALIDATION_FAILED, path.get());
    } else if (request.authority() == null && request.version() != HttpVersion.HTTP_1_0) {
      answer(
          context,
          ErrorCode.BAD_HTTP_REQUEST,
          "the Host header is missing or invalid: HTTP/1.1 needs a Host naming this service, such"
              + " as Host: keeper.example.org or Host: 10.0.0.1:8080");
    } else {
      answer(
          context,
          ErrorCode.BAD_HTTP_REQUEST,
          "the request cannot be read: check the request line, the percent-encoding of path and"
              + " query, and the headers");
    }
  }

  /** Method, target and version as on the wire, separated by single spaces (CRLF not counted). */
  static int requestLineLength(HttpServerRequest request) {
    String version = request.version() == HttpVersion.HTTP_1_0 ? "HTTP/1.0" : "HTTP/1.1";
    return request.method().name().length() + request.uri().length() + version.length() + 2;
  }

  /** Every header line as sent ({@code name: value}), CRLF not counted. */
  static int headerSize(HttpServerRequest request) {
    int size = 0;
    for (Map.Entry<String, String> header : request.headers()) {
      size += header.getKey().length() + header.getValue().length() + 2;
    }
    return size;
  }

  private void answer(RoutingContext context, ErrorCode code, String detail) {
    String given = context.request().getHeader(RequestIdFilter.HEADER);
    String requestId =
        given != null && given.matches("[A-Za-z0-9._-]{1,64}")
            ? given
            : UUID.randomUUID().toString();
    Problem body =
        new Problem(
            code.type(), code.title(), code.status(), detail, null, code.name(), requestId, null);
    try {
      context
          .response()
          .setStatusCode(code.status())
          .putHeader("Content-Type", Problem.MEDIA_TYPE)
          .putHeader(RequestIdFilter.HEADER, requestId)
          .end(json.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      Log.error("Cannot write a problem answer", e);
      context.response().setStatusCode(code.status()).end();
    }
  }
}
