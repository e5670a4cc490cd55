package dev.trovekeeper.source.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trovekeeper.source.SourceException;
import dev.trovekeeper.source.rest.RestSourceConfig.Entity;
import dev.trovekeeper.source.rest.RestSourceConfig.PagingType;
import dev.trovekeeper.source.rest.RestSourceConfig.TotalType;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds an entity's page URLs and reads one page (items, total, next cursor or link). */
final class PageFetcher {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final RestSourceConfig config;
  private final SourceHttp http;

  PageFetcher(RestSourceConfig config, SourceHttp http) {
    this.config = config;
    this.http = http;
  }

  /** The URL of page {@code index} (0-based) for PAGE and OFFSET paging. */
  URI numbered(Entity entity, long index) {
    var p = entity.paging();
    var params = new LinkedHashMap<String, String>();
    if (p.type() == PagingType.PAGE) {
      params.put(p.pageParam(), Long.toString(p.firstPage() + index));
    } else if (p.type() == PagingType.OFFSET) {
      params.put(p.offsetParam(), Long.toString(index * p.limit()));
    }
    params.put(p.limitParam(), Integer.toString(p.limit()));
    return url(entity, params);
  }

  /** The URL of the page after {@code cursor} (null: the first page) for CURSOR paging. */
  URI cursor(Entity entity, String cursor) {
    var p = entity.paging();
    var params = new LinkedHashMap<String, String>();
    if (cursor != null) {
      params.put(p.cursorParam(), cursor);
    }
    params.put(p.limitParam(), Integer.toString(p.limit()));
    return url(entity, params);
  }

  Page fetch(Entity entity, URI url) throws InterruptedException {
    HttpResponse<InputStream> response = http.get(url, HttpResponse.BodyHandlers.ofInputStream());
    JsonNode body;
    try (var in = response.body()) {
      body = JSON.readTree(in);
    } catch (IOException e) {
      throw new SourceException(
          "unreadable page of " + entity.name() + ": " + e.getMessage(), true, e);
    }
    var itemsNode = body == null ? null : body.at(entity.items());
    if (itemsNode == null || !itemsNode.isArray()) {
      throw new SourceException(
          "no items array at \"" + entity.items() + "\" in a page of " + entity.name(), false);
    }
    var items = new ArrayList<JsonNode>(itemsNode.size());
    itemsNode.forEach(items::add);
    long total = -1;
    var t = entity.total();
    if (t.type() == TotalType.HEADER) {
      total = number(response.headers().firstValue(t.header()).orElse(null));
    } else if (t.type() == TotalType.BODY) {
      var n = body.at(t.pointer());
      total = n.canConvertToLong() ? n.longValue() : number(n.isTextual() ? n.textValue() : null);
    }
    String cursor = null;
    if (entity.paging().type() == PagingType.CURSOR) {
      var c = body.at(entity.paging().cursorPointer());
      cursor = c.isValueNode() && !c.isNull() && !c.asText().isEmpty() ? c.asText() : null;
    }
    URI next = null;
    if (entity.paging().type() == PagingType.LINK) {
      next = LinkHeader.next(response.headers().firstValue("Link").orElse(null), url).orElse(null);
    }
    return new Page(items, total, cursor, next);
  }

  private URI url(Entity entity, Map<String, String> params) {
    var sb = new StringBuilder(config.baseUrl().toString()).append(entity.path());
    char sep = entity.path().contains("?") ? '&' : '?';
    for (var e : params.entrySet()) {
      sb.append(sep)
          .append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
      sep = '&';
    }
    return URI.create(sb.toString());
  }

  private static long number(String text) {
    if (text == null) {
      return -1;
    }
    try {
      long n = Long.parseLong(text.trim());
      return n < 0 ? -1 : n;
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
