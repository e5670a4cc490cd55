package dev.trovekeeper.source.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trovekeeper.ratelimit.SourceRateLimiter;
import dev.trovekeeper.source.EntitySchema;
import dev.trovekeeper.source.MediaRef;
import dev.trovekeeper.source.RecordSink;
import dev.trovekeeper.source.Reference;
import dev.trovekeeper.source.SourceException;
import dev.trovekeeper.source.SourceSchema;
import dev.trovekeeper.source.rest.RestSourceConfig.Entity;
import dev.trovekeeper.source.rest.RestSourceConfig.PagingType;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * Reads a configured REST source into a {@link RecordSink}: entities in configured order; per
 * entity the first page (which gives the total), then, when the total is known and paging is by
 * page or offset, the remaining pages in parallel ({@code concurrency} at once, fetched ahead
 * across entities by a {@link PageWindow}) under the shared limit, emitted in page order; without a
 * total, page after page. Records keep the source's order.
 */
public final class RestSource {

  private final RestSourceConfig config;
  private final SourceHttp http;
  private final PageFetcher pages;

  /** A reader sending its requests through {@code limiter} (the source's shared limit). */
  public RestSource(
      RestSourceConfig config, RestCredentials credentials, SourceRateLimiter limiter) {
    this(
        config,
        credentials,
        limiter,
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build());
  }

  public RestSource(
      RestSourceConfig config,
      RestCredentials credentials,
      SourceRateLimiter limiter,
      HttpClient client) {
    this.config = config;
    this.http = new SourceHttp(client, config, credentials, limiter);
    this.pages = new PageFetcher(config, http);
  }

  /** The schema snapshot: entities, id fields, references and media fields as configured. */
  public SourceSchema schema() {
    return new SourceSchema(
        "REST", config.entities().stream().map(this::schema).toList(), List.of());
  }

  /**
   * Reads every entity into {@code sink}.
   *
   * @throws dev.trovekeeper.source.SourceUnauthorized on 401/403 (suspend the dataset)
   * @throws SourceException on other failures, transient or not
   */
  public void read(RecordSink sink) throws InterruptedException {
    sink.begin(schema());
    var pool =
        Executors.newFixedThreadPool(
            config.concurrency(),
            r -> {
              var t = new Thread(r, "rest-source-page");
              t.setDaemon(true);
              return t;
            });
    // pages are fetched ahead across entities, up to twice the concurrency held in memory
    try (var window = new PageWindow(config.entities(), pages, pool, 2 * config.concurrency())) {
      var entities = config.entities();
      for (int i = 0; i < entities.size(); i++) {
        var entity = entities.get(i);
        sink.entityStart(schema(entity));
        long count = read(i, entity, window, sink);
        sink.entityEnd(entity.name(), count);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Opens a media file's bytes, through the same shared limit (credentials are sent only to the
   * source's own origin). The caller closes the stream.
   */
  public InputStream openMedia(String url) throws InterruptedException {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new SourceException("not a media URL", false);
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
        || uri.getHost() == null) {
      throw new SourceException("not an http(s) media URL", false);
    }
    return http.get(uri, HttpResponse.BodyHandlers.ofInputStream()).body();
  }

  private long read(int index, Entity entity, PageWindow window, RecordSink sink)
      throws InterruptedException {
    var type = entity.paging().type();
    if (type == PagingType.CURSOR) {
      return followCursor(entity, sink);
    }
    if (type == PagingType.LINK) {
      return followLinks(entity, sink);
    }
    var first = window.first(index);
    long count = emit(entity, first, sink);
    if (first.total() >= 0) {
      sink.entityTotal(entity.name(), first.total());
      long pageCount = PageWindow.pageCount(entity, first.total());
      for (long page = 1; page < pageCount; page++) {
        count += emit(entity, window.take(index, page), sink);
      }
      return count;
    }
    int limit = entity.paging().limit();
    var page = first;
    for (long next = 1; page.items().size() >= limit; next++) {
      page = pages.fetch(entity, pages.numbered(entity, next));
      count += emit(entity, page, sink);
    }
    return count;
  }

  private long followCursor(Entity entity, RecordSink sink) throws InterruptedException {
    var page = pages.fetch(entity, pages.cursor(entity, null));
    long count = emit(entity, page, sink);
    String previous = null;
    while (page.nextCursor() != null && !page.items().isEmpty()) {
      if (page.nextCursor().equals(previous)) {
        throw new SourceException("the source repeats its cursor for " + entity.name(), false);
      }
      previous = page.nextCursor();
      page = pages.fetch(entity, pages.cursor(entity, previous));
      count += emit(entity, page, sink);
    }
    return count;
  }

  private long followLinks(Entity entity, RecordSink sink) throws InterruptedException {
    var page = pages.fetch(entity, pages.numbered(entity, 0));
    long count = emit(entity, page, sink);
    var seen = new java.util.HashSet<URI>();
    while (page.nextLink() != null && !page.items().isEmpty()) {
      var next = page.nextLink();
      if (!SourceHttp.sameOrigin(next, config.baseUrl()) || !seen.add(next)) {
        throw new SourceException(
            "the next link of " + entity.name() + " leaves the source or loops", false);
      }
      page = pages.fetch(entity, next);
      count += emit(entity, page, sink);
    }
    return count;
  }

  private static long emit(Entity entity, Page page, RecordSink sink) {
    for (JsonNode item : page.items()) {
      sink.record(item);
      var ids = entity.id().values(item);
      var id = ids.isEmpty() ? "" : ids.get(0).asText();
      for (var path : entity.media()) {
        for (var url : path.values(item)) {
          if (url.isTextual() && !url.textValue().isEmpty()) {
            sink.media(new MediaRef(entity.name(), id, path.toString(), url.textValue()));
          }
        }
      }
    }
    return page.items().size();
  }

  private EntitySchema schema(Entity e) {
    return new EntitySchema(
        e.name(),
        List.of(e.id().toString()),
        e.updatedAt() == null ? null : e.updatedAt().toString(),
        e.references().stream()
            .map(
                r ->
                    new Reference(
                        r.field().toString(),
                        List.of(r.field().toString()),
                        r.entity(),
                        List.of(idOf(r.entity()))))
            .toList(),
        e.media().stream().map(FieldPath::toString).toList(),
        Map.of());
  }

  private String idOf(String entity) {
    return config.entities().stream()
        .filter(e -> e.name().equals(entity))
        .findFirst()
        .map(e -> e.id().toString())
        .orElse("id");
  }
}
