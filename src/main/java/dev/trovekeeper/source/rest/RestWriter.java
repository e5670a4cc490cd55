package dev.trovekeeper.source.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trovekeeper.ratelimit.SourceRateLimiter;
import dev.trovekeeper.source.RecordWriter;
import dev.trovekeeper.source.SourceException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Writes objects back through a REST source's API, each call through the source's shared limit and
 * auth like its reads: {@code PUT {path}/{id}} replaces, {@code POST {path}} re-creates (the body
 * keeps the object's id; a source that gives another id answers it, read from the answer's id
 * field), {@code DELETE {path}/{id}} deletes. A 4xx other than 401/408/429 is the object's refusal;
 * throttling and 5xx are retried as for reads.
 */
public final class RestWriter implements RecordWriter {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MESSAGE_MAX = 500;

  private final RestSourceConfig config;
  private final SourceHttp http;

  public RestWriter(
      RestSourceConfig config, RestCredentials credentials, SourceRateLimiter limiter) {
    this.config = config;
    this.http =
        new SourceHttp(
            HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build(),
            config,
            credentials,
            limiter);
  }

  @Override
  public Outcome update(String entity, String id, JsonNode record) throws InterruptedException {
    return outcome(http.write("PUT", one(entity, id), bytes(record)), null);
  }

  @Override
  public Outcome create(String entity, String id, JsonNode record) throws InterruptedException {
    HttpResponse<byte[]> response = http.write("POST", collection(entity), bytes(record));
    return outcome(response, entity(entity));
  }

  @Override
  public Outcome delete(String entity, String id) throws InterruptedException {
    HttpResponse<byte[]> response = http.write("DELETE", one(entity, id), null);
    // already gone is what a delete wants
    return response.statusCode() == 404 ? Outcome.done(404) : outcome(response, null);
  }

  @Override
  public boolean concurrent() {
    return true; // the HTTP client, the limiter and the token cache are thread-safe
  }

  @Override
  public boolean acceptsMedia() {
    return config.mediaUploadPath() != null;
  }

  /** {@code PUT <base URL><mediaUploadPath>/<sha256>} with the file's bytes, streamed. */
  @Override
  public Outcome uploadMedia(String sha256, java.nio.file.Path file) throws InterruptedException {
    if (!acceptsMedia() || !sha256.matches("[0-9a-f]{64}")) {
      throw new SourceException("the source takes no media uploads", false);
    }
    String base = config.baseUrl().toString().replaceAll("/+$", "");
    URI url = URI.create(base + config.mediaUploadPath() + "/" + sha256);
    HttpResponse<byte[]> response =
        http.write(
            "PUT",
            url,
            () -> {
              try {
                return java.net.http.HttpRequest.BodyPublishers.ofFile(file);
              } catch (java.io.FileNotFoundException e) {
                throw new java.io.UncheckedIOException(e);
              }
            },
            "application/octet-stream");
    return outcome(response, null);
  }

  @Override
  public void close() {
    // the HTTP client holds no connection that must be closed
  }

  private Outcome outcome(HttpResponse<byte[]> response, RestSourceConfig.Entity created) {
    int status = response.statusCode();
    if (status < 200 || status >= 300) {
      return Outcome.refused(status, message(response.body()));
    }
    if (created == null) {
      return Outcome.done(status);
    }
    try {
      JsonNode body = JSON.readTree(response.body());
      var ids = created.id().values(body);
      String id = ids.isEmpty() ? null : ids.get(0).asText();
      return new Outcome(true, status, null, id);
    } catch (IOException e) {
      return Outcome.done(status);
    }
  }

  private RestSourceConfig.Entity entity(String name) {
    return config.entities().stream()
        .filter(e -> e.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new SourceException("the source has no entity " + name, false));
  }

  private URI collection(String entity) {
    String path = entity(entity).path();
    int query = path.indexOf('?');
    String base = config.baseUrl().toString();
    if (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return URI.create(base + (query < 0 ? path : path.substring(0, query)));
  }

  private URI one(String entity, String id) {
    return URI.create(
        collection(entity)
            + "/"
            + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20"));
  }

  private static byte[] bytes(JsonNode record) {
    try {
      return JSON.writeValueAsBytes(record);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String message(byte[] body) {
    String text = body == null ? "" : new String(body, StandardCharsets.UTF_8).strip();
    try {
      JsonNode json = JSON.readTree(text);
      for (String field : new String[] {"errors", "error", "message", "detail"}) {
        if (json != null && json.hasNonNull(field)) {
          text =
              json.get(field).isTextual() ? json.get(field).asText() : json.get(field).toString();
          break;
        }
      }
    } catch (IOException e) {
      // not JSON: the text as it came
    }
    return text.length() <= MESSAGE_MAX ? text : text.substring(0, MESSAGE_MAX);
  }
}
