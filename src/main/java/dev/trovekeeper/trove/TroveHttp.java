package dev.trovekeeper.trove;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;

/**
 * Raw Trove v1.0 calls over HTTP with a token; every failure leaves as a classified {@link
 * TroveException}. Package-private: the rest of the service talks to {@link TroveClient}.
 */
class TroveHttp {

  private final HttpClient http;
  private final ObjectMapper json;
  private final Duration timeout;

  TroveHttp(ObjectMapper json, Duration timeout) {
    this.json = json;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  JsonNode get(String url, String token) {
    return send(request(url, token).GET().build());
  }

  JsonNode post(String url, String token, JsonNode body) {
    return send(
        request(url, token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build());
  }

  void delete(String url, String token) {
    send(request(url, token).DELETE().build());
  }

  /**
   * Whether the failure happened before the request reached Trove (connection refused or not
   * established in time), so even a non-idempotent call can be sent again.
   */
  static boolean notSent(TroveException e) {
    return e.getCause() instanceof ConnectException
        || e.getCause() instanceof HttpConnectTimeoutException;
  }

  private HttpRequest.Builder request(String url, String token) {
    return HttpRequest.newBuilder(URI.create(url))
        .timeout(timeout)
        .header("X-Auth-Token", token)
        .header("Accept", "application/json");
  }

  private JsonNode send(HttpRequest request) {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (HttpConnectTimeoutException e) {
      throw new TroveException(
          TroveFault.TRANSIENT,
          request.method() + " " + request.uri() + ": connect timed out",
          null,
          e);
    } catch (ConnectException e) {
      throw new TroveException(
          TroveFault.TRANSIENT,
          request.method() + " " + request.uri() + ": connection refused",
          null,
          e);
    } catch (HttpTimeoutException e) {
      // The request reached Trove and may still be carried out there: a POST may create its
      // backup after we gave up. Whoever retries waits at least as long again, so that a backup
      // made late is found by its name instead of being posted a second time.
      Duration settle = "POST".equals(request.method()) ? timeout : null;
      throw new TroveException(
          TroveFault.TRANSIENT, request.method() + " " + request.uri() + " timed out", settle, e);
    } catch (IOException e) {
      throw new TroveException(
          TroveFault.TRANSIENT, request.method() + " " + request.uri() + " failed: " + e, null, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TroveException(TroveFault.TRANSIENT, "interrupted", null, e);
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return parse(response.body());
    }
    throw refusal(request, response);
  }

  private JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return json.createObjectNode();
    }
    try {
      return json.readTree(body);
    } catch (IOException e) {
      throw new TroveException(TroveFault.TRANSIENT, "Trove answered invalid JSON", null, e);
    }
  }

  private TroveException refusal(HttpRequest request, HttpResponse<String> response) {
    int status = response.statusCode();
    String message = faultMessage(response.body());
    String what =
        request.method() + " " + request.uri().getPath() + " -> " + status + ": " + message;
    Optional<Duration> retryAfter =
        response.headers().firstValue("Retry-After").flatMap(TroveHttp::seconds);
    TroveFault fault =
        switch (status) {
          case 400 -> TroveFault.INVALID;
          case 401 -> TroveFault.UNAUTHORIZED;
          case 403 -> TroveFault.FORBIDDEN;
          case 404 -> TroveFault.NOT_FOUND;
          case 422 -> TroveFault.BUSY;
          case 413 ->
              retryAfter.isPresent() || !message.contains("Quota exceeded")
                  ? TroveFault.RATE_LIMITED
                  : TroveFault.QUOTA_EXCEEDED;
          default -> status >= 500 ? TroveFault.TRANSIENT : TroveFault.INVALID;
        };
    return new TroveException(fault, what, retryAfter.orElse(null), null);
  }

  /** The message of Trove's {@code {"<faultName>": {"code": N, "message": "..."}}} body. */
  private String faultMessage(String body) {
    try {
      JsonNode node = json.readTree(body);
      Iterator<JsonNode> faults = node.elements();
      if (faults.hasNext()) {
        JsonNode fault = faults.next();
        if (fault.hasNonNull("message")) {
          return fault.get("message").asText();
        }
      }
    } catch (IOException | RuntimeException e) {
      // not JSON (Trove answers 403 with HTML): fall through to the raw body
    }
    String text = body == null ? "" : body.replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ");
    return text.length() > 200 ? text.substring(0, 200) : text.trim();
  }

  private static Optional<Duration> seconds(String value) {
    try {
      return Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
