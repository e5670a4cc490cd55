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
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads a configured REST source into a {@link RecordSink}: entities in configured order; per
 * entity the first page (which gives the total), then, when the total is known and paging is by
 * page or offset, the remaining pages in parallel ({@code concurrency} at once) under the shared
 * limit, emitted in page order; without a total, page after page. Records keep the source's order.
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
    try {
      // every numbered entity's first page (which gives its total) is asked for at once, so the
      // source is not left idle between one entity's last pages and the next one's first
      var firstPages = new java.util.HashMap<String, Future<Page>>();
      for (var entity : config.entities()) {
        var type = entity.paging().type();
        if (type == PagingType.PAGE || type == PagingType.OFFSET) {
          var url = pages.numbered(entity, 0);
          firstPages.put(entity.name(), pool.submit(() -> pages.fetch(entity, url)));
        }
      }
      for (var entity : config.entities()) {
        sink.entityStart(schema(entity));
        long count = read(entity, firstPages.get(entity.name()), sink, pool);
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

  private long read(Entity entity, Future<Page> firstPage, RecordSink sink, ExecutorService pool)
      throws InterruptedException {
    var type = entity.paging().type();
    if (type == PagingType.CURSOR) {
      return followCursor(entity, sink);
    }
    if (type == PagingType.LINK) {
      return followLinks(entity, sink);
    }
    var first = await(firstPage);
    if (first.total() >= 0) {
      sink.entityTotal(entity.name(), first.total());
    }
    long count = emit(entity, first, sink);
    int limit = entity.paging().limit();
    if (first.total() >= 0) {
      long pageCount = (first.total() + limit - 1) / limit;
      return count + parallel(entity, 1, pageCount, sink, pool);
    }
    var page = first;
    for (long index = 1; page.items().size() >= limit; index++) {
      page = pages.fetch(entity, pages.numbered(entity, index));
      count += emit(entity, page, sink);
    }
    return count;
  }

  /**
   * Pages [from, to) fetched {@code concurrency} at once, emitted in order as each head is done.
   */
  private long parallel(Entity entity, long from, long to, RecordSink sink, ExecutorService pool)
      throws InterruptedException {
    var inFlight = new ArrayDeque<Future<Page>>();
    long next = from;
    long count = 0;
    try {
      while (next < to || !inFlight.isEmpty()) {
        while (next < to && inFlight.size() < config.concurrency()) {
          var url = pages.numbered(entity, next++);
          inFlight.add(pool.submit(() -> pages.fetch(entity, url)));
        }
        count += emit(entity, await(inFlight.removeFirst()), sink);
      }
      return count;
    } finally {
      inFlight.forEach(f -> f.cancel(true));
    }
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

  private static Page await(Future<Page> page) throws InterruptedException {
    try {
      return page.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof InterruptedException i) {
        throw i;
      }
      throw new SourceException("reading a page failed: " + e.getCause(), true, e.getCause());
    }
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
