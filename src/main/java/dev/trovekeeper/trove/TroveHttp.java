package dev.trovekeeper.trove;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Raw Trove v1.0 calls over HTTP with a token; every failure leaves as a classified {@link
 * TroveException}. Package-private: the rest of the service talks to {@link TroveClient}.
 */
class TroveHttp {

  private final HttpClient http;
  private final ObjectMapper json;
  private final Duration timeout;
  private final Duration listingTimeout;

  /**
   * @param timeout connect timeout, the wait for an answer's headers, and for a listing the longest
   *     pause within its body
   * @param listingTimeout the wait for a listing's headers (Trove builds a whole unpaged answer
   *     before it sends anything)
   */
  TroveHttp(ObjectMapper json, Duration timeout, Duration listingTimeout) {
    this.json = json;
    this.timeout = timeout;
    this.listingTimeout = listingTimeout;
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
    HttpResponse<String> response = exchange(request, HttpResponse.BodyHandlers.ofString());
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return parse(response.body());
    }
    throw refusal(request, status, response.headers(), response.body());
  }

  /**
   * GETs a listing and hands each element of its array {@code key} to {@code item} as soon as it is
   * read, so not even an unpaged answer of the whole fleet is held in memory. A failure of {@code
   * item} leaves as it is; an answer that breaks off, or pauses longer than the timeout within its
   * body, is TRANSIENT. Trove may take the listing timeout to begin answering.
   *
   * @return the answer's {@code links} (a missing node when it has none), for the next marker
   */
  JsonNode getEach(String url, String token, String key, Consumer<JsonNode> item) {
    HttpRequest request = request(url, token).timeout(listingTimeout).GET().build();
    HttpResponse<InputStream> response =
        exchange(request, HttpResponse.BodyHandlers.ofInputStream());
    StallGuard guarded = new StallGuard(response.body(), timeout);
    try (InputStream body = guarded) {
      int status = response.statusCode();
      if (status < 200 || status >= 300) {
        String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
        throw refusal(request, status, response.headers(), text);
      }
      return readEach(body, key, item);
    } catch (IOException e) {
      String why = guarded.stalled() ? "sent nothing for over " + timeout : "broke off: " + e;
      throw new TroveException(TroveFault.TRANSIENT, "GET " + request.uri() + " " + why, null, e);
    }
  }

  private JsonNode readEach(InputStream body, String key, Consumer<JsonNode> item)
      throws IOException {
    JsonNode links = json.missingNode();
    try (JsonParser parser = json.getFactory().createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new TroveException(TroveFault.TRANSIENT, "Trove answered invalid JSON");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (field.equals(key) && value == JsonToken.START_ARRAY) {
          while (parser.nextToken() != JsonToken.END_ARRAY) {
            item.accept(json.readTree(parser));
          }
        } else if (field.equals("links")) {
          links = json.readTree(parser);
        } else {
          parser.skipChildren();
        }
      }
    }
    ObjectNode page = json.createObjectNode();
    if (!links.isMissingNode()) {
      page.set("links", links);
    }
    return page;
  }

  private <B> HttpResponse<B> exchange(HttpRequest request, HttpResponse.BodyHandler<B> handler) {
    try {
      return http.send(request, handler);
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

  private TroveException refusal(
      HttpRequest request, int status, HttpHeaders headers, String body) {
    String message = faultMessage(body);
    String what =
        request.method() + " " + request.uri().getPath() + " -> " + status + ": " + message;
    Optional<Duration> retryAfter = headers.firstValue("Retry-After").flatMap(TroveHttp::seconds);
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
