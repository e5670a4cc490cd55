package dev.trovekeeper.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A tiny HTTP client for tests: real requests over loopback to a running {@link DemoRegion}. */
final class DemoClient {

  static final ObjectMapper MAPPER = new ObjectMapper();

  record Response(int status, String body, java.net.http.HttpHeaders headers) {
    JsonNode json() {
      try {
        return MAPPER.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final int port;
  private String token;

  DemoClient(DemoRegion region) {
    this.port = region.port();
    this.base = "http://127.0.0.1:" + port;
  }

  int port() {
    return port;
  }

  DemoClient token(String token) {
    this.token = token;
    return this;
  }

  /** Logs in with a password scoped to a project id; keeps and returns the token. */
  String login(String user, String password, String projectId) {
    var body =
        """
        {"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"%s",
        "domain":{"name":"Default"},"password":"%s"}}},"scope":{"project":{"id":"%s"}}}}
        """
            .formatted(user, password, projectId);
    var r = send("POST", "/identity/v3/auth/tokens", body);
    if (r.status() != 201) {
      throw new IllegalStateException("login failed: " + r.status() + " " + r.body());
    }
    token = r.header("X-Subject-Token");
    return token;
  }

  Response get(String path) {
    return send("GET", path, null);
  }

  Response post(String path, String body) {
    return send("POST", path, body);
  }

  Response delete(String path) {
    return send("DELETE", path, null);
  }

  Response send(String method, String path, String body) {
    return send(method, path, body, token);
  }

  Response send(String method, String path, String body, String authToken) {
    var b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(10))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    if (authToken != null) {
      b.header("X-Auth-Token", authToken);
    }
    try {
      var r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body(), r.headers());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
