package dev.trovekeeper.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Swift's REST API over the JDK HTTP client: every request carries the current token; a 401 makes
 * the auth forget it, authenticate again, and the request is sent once more when its body can be
 * replayed. Uploads ask {@code Expect: 100-continue}, so a refused token is answered before the
 * caller's stream is read and the upload can be retried too.
 */
final class SwiftClient {

  private final HttpClient http;
  private final SwiftAuth auth;
  private final Duration timeout;
  private final String location;

  SwiftClient(HttpClient http, SwiftAuth auth, Duration timeout, String location) {
    this.http = http;
    this.auth = auth;
    this.timeout = timeout;
    this.location = location;
  }

  static HttpClient newHttpClient(Duration connectTimeout) {
    // Swift's eventlet servers speak HTTP/1.1 only; no h2c upgrade attempt
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /** A request relative to the account URL. */
  static final class Call {
    private final String method;
    private final String path;
    private final Map<String, String> query = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Supplier<BodyPublisher> body = HttpRequest.BodyPublishers::noBody;
    private BooleanSupplier replayable = () -> true;
    private long uploadBytes = -1;

    private Call(String method, String path) {
      this.method = method;
      this.path = path;
    }

    /** {@code path} is container or container/object, already made of safe characters. */
    static Call of(String method, String path) {
      return new Call(method, path);
    }

    Call query(String name, String value) {
      query.put(name, value);
      return this;
    }

    Call header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    /**
     * A body; {@code replayable} tells after a 401 whether it can be sent again, {@code bytes} how
     * much it sends at most (extends the timeout), -1 when small.
     */
    Call body(Supplier<BodyPublisher> body, BooleanSupplier replayable, long bytes) {
      this.body = body;
      this.replayable = replayable;
      this.uploadBytes = bytes;
      return this;
    }
  }

  /** Encodes a container name or a query value for a URL. */
  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /**
   * Sends {@code call}; throws {@link StorageException} on I/O errors (transient) but returns every
   * HTTP answer, including errors, for the caller to interpret.
   */
  <T> HttpResponse<T> send(
      String action, ObjectKey key, Call call, HttpResponse.BodyHandler<T> handler) {
    HttpResponse<T> response = once(action, key, call, session(action, key), handler);
    if (response.statusCode() == 401 && call.replayable.getAsBoolean()) {
      discard(response);
      auth.invalidate();
      response = once(action, key, call, session(action, key), handler);
    }
    return response;
  }

  private SwiftAuth.Session session(String action, ObjectKey key) {
    try {
      return auth.session();
    } catch (SwiftAuth.Failure e) {
      throw new StorageException(
          action + " failed: " + e.getMessage(), e.isTransient(), location, key, e);
    }
  }

  /** Sends {@code call} and reads the answer as a string (small answers only). */
  HttpResponse<String> sendForString(String action, ObjectKey key, Call call) {
    return send(action, key, call, HttpResponse.BodyHandlers.ofString());
  }

  private <T> HttpResponse<T> once(
      String action,
      ObjectKey key,
      Call call,
      SwiftAuth.Session session,
      HttpResponse.BodyHandler<T> handler) {
    StringBuilder uri =
        new StringBuilder(session.storageUrl().toString()).append('/').append(call.path);
    char separator = '?';
    for (Map.Entry<String, String> q : call.query.entrySet()) {
      uri.append(separator).append(q.getKey());
      if (q.getValue() != null) {
        uri.append('=').append(encode(q.getValue()));
      }
      separator = '&';
    }
    Duration requestTimeout =
        call.uploadBytes < 0 ? timeout : timeout.plusSeconds(call.uploadBytes / 1_000_000);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(uri.toString()))
            .timeout(requestTimeout)
            .header("X-Auth-Token", session.token())
            .method(call.method, call.body.get());
    if (call.uploadBytes >= 0) {
      request.expectContinue(true);
    }
    call.headers.forEach(request::header);
    try {
      return http.send(request.build(), handler);
    } catch (IOException e) {
      throw SwiftFailures.io(action, e, location, key);
    } catch (InterruptedException e) {
      throw SwiftFailures.interrupted(action, e, location, key);
    }
  }

  /** Closes a streamed body nobody will read. */
  static void discard(HttpResponse<?> response) {
    if (response.body() instanceof InputStream in) {
      try {
        in.close();
      } catch (IOException e) {
        // the connection is dropped instead of reused
      }
    }
  }

  /** Reads at most a few hundred bytes of an error answer streamed as {@link InputStream}. */
  static String errorBody(HttpResponse<?> response) {
    Object body = response.body();
    if (body instanceof String text) {
      return text;
    }
    if (body instanceof InputStream in) {
      try (in) {
        return new String(in.readNBytes(400), StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "";
      }
    }
    return "";
  }

  String location() {
    return location;
  }
}
