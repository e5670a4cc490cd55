package dev.trovekeeper.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A container listing ({@code GET <container>?format=json&prefix=&limit=&marker=}), one page at a
 * time while the stream is consumed; each page starts after the last name of the one before.
 */
final class SwiftListing implements Iterator<ObjectInfo> {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SwiftClient client;
  private final String container;
  private final String prefix;
  private final int pageSize;
  private final Deque<ObjectInfo> page = new ArrayDeque<>();
  private String marker = "";
  private boolean lastPage;

  SwiftListing(SwiftClient client, String container, String prefix, int pageSize) {
    this.client = client;
    this.container = container;
    this.prefix = prefix;
    this.pageSize = pageSize;
  }

  Stream<ObjectInfo> stream() {
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED), false);
  }

  @Override
  public boolean hasNext() {
    while (page.isEmpty() && !lastPage) {
      fetch();
    }
    return !page.isEmpty();
  }

  @Override
  public ObjectInfo next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return page.removeFirst();
  }

  private void fetch() {
    SwiftClient.Call call =
        SwiftClient.Call.of("GET", SwiftClient.encode(container))
            .query("format", "json")
            .query("limit", String.valueOf(pageSize));
    if (!prefix.isEmpty()) {
      call.query("prefix", prefix);
    }
    if (!marker.isEmpty()) {
      call.query("marker", marker);
    }
    HttpResponse<String> response = client.sendForString("list", null, call);
    if (response.statusCode() == 404) {
      lastPage = true; // no container yet: nothing stored
      return;
    }
    if (response.statusCode() / 100 != 2) {
      throw SwiftFailures.status(
          "list", response.statusCode(), response.body(), client.location(), null);
    }
    JsonNode names;
    try {
      names =
          response.statusCode() == 204 ? JSON.createArrayNode() : JSON.readTree(response.body());
    } catch (IOException e) {
      throw new StorageException("unreadable listing", true, client.location(), null, e);
    }
    for (JsonNode entry : names) {
      String name = entry.path("name").asText();
      marker = name;
      if (ObjectKey.isValid(name)) {
        page.add(
            new ObjectInfo(
                ObjectKey.of(name),
                entry.path("bytes").asLong(),
                LocalDateTime.parse(entry.path("last_modified").asText())
                    .toInstant(ZoneOffset.UTC)));
      }
    }
    lastPage = names.size() < pageSize;
  }
}
