package dev.trovekeeper.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trovekeeper.trove.KeystoneSession;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Objects in one OpenStack Swift container, through Swift's REST API. Large objects are static
 * large objects (see {@link SwiftUpload}) whose segments live in a second container; deleting one
 * deletes its segments ({@code ?multipart-manifest=delete}), and replacing one deletes the old
 * segments after the new object is in place. Authentication is the service's Keystone session or
 * Swift's tempauth ({@link StorageConfig.Swift#auth()}).
 */
public class SwiftObjectStore implements ObjectStore {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SwiftClient client;
  private final String container;
  private final String segmentContainer;
  private final boolean createContainer;
  private final int listPageSize;
  private final SwiftUpload upload;
  private final String location;
  private volatile boolean containersReady;

  SwiftObjectStore(HttpClient http, SwiftAuth auth, StorageConfig.Swift config) {
    this.container = config.container();
    this.segmentContainer = config.segmentContainer().orElse(container + "_segments");
    if (segmentContainer.equals(container)) {
      throw new IllegalArgumentException(
          "keeper.storage.swift.segment-container must differ from the container " + container);
    }
    if (config.segmentSize() < 1 || config.segmentSize() > 5L * 1024 * 1024 * 1024) {
      throw new IllegalArgumentException(
          "keeper.storage.swift.segment-size must be between 1 byte and 5 GiB");
    }
    this.createContainer = config.createContainer();
    this.listPageSize = config.listPageSize();
    this.location = "swift://" + container;
    this.client = new SwiftClient(http, auth, config.timeout(), location);
    this.upload = new SwiftUpload(client, container, segmentContainer, config.segmentSize());
  }

  /**
   * Builds the store from the {@code keeper.storage.swift} settings.
   *
   * @param keystone the service's Keystone session, asked only when {@code auth} is {@code
   *     keystone}
   */
  public static SwiftObjectStore fromConfig(
      StorageConfig.Swift config, Supplier<KeystoneSession> keystone) {
    HttpClient http = SwiftClient.newHttpClient(config.timeout());
    SwiftAuth auth =
        switch (config.auth()) {
          case KEYSTONE -> new KeystoneSwiftAuth(keystone.get());
          case TEMPAUTH ->
              new TempAuth(
                  http,
                  config
                      .tempauth()
                      .url()
                      .orElseThrow(() -> missing("keeper.storage.swift.tempauth.url")),
                  config
                      .tempauth()
                      .user()
                      .orElseThrow(() -> missing("keeper.storage.swift.tempauth.user")),
                  config
                      .tempauth()
                      .key()
                      .orElseThrow(() -> missing("keeper.storage.swift.tempauth.key")),
                  config.timeout());
        };
    return new SwiftObjectStore(http, auth, config);
  }

  private static IllegalArgumentException missing(String property) {
    return new IllegalArgumentException(property + " is required with tempauth");
  }

  @Override
  public void put(ObjectKey key, InputStream content, long length, String contentType) {
    if (!containersReady) {
      ensureContainers(key);
    }
    List<SwiftUpload.Segment> replaced = segmentsOf(key);
    upload.put(key, content, length, contentType);
    if (!replaced.isEmpty()) {
      // the new object is in place: the old one's segments are garbage now
      upload.deleteSegments(replaced, null);
    }
  }

  @Override
  public InputStream get(ObjectKey key) {
    HttpResponse<InputStream> response =
        client.send(
            "get",
            key,
            SwiftClient.Call.of("GET", upload.objectPath(key)),
            HttpResponse.BodyHandlers.ofInputStream());
    if (response.statusCode() == 200) {
      return response.body();
    }
    throw SwiftFailures.status(
        "get", response.statusCode(), SwiftClient.errorBody(response), location, key);
  }

  @Override
  public Optional<ObjectInfo> stat(ObjectKey key) {
    return head(key).map(head -> new ObjectInfo(key, head.size(), head.lastModified()));
  }

  private record Head(long size, Instant lastModified, boolean largeObject) {}

  private Optional<Head> head(ObjectKey key) {
    HttpResponse<String> response =
        client.sendForString("stat", key, SwiftClient.Call.of("HEAD", upload.objectPath(key)));
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    if (response.statusCode() / 100 != 2) {
      throw SwiftFailures.status("stat", response.statusCode(), "", location, key);
    }
    var headers = response.headers();
    long size = headers.firstValueAsLong("Content-Length").orElse(0);
    Instant modified =
        headers.firstValue("X-Timestamp").map(SwiftObjectStore::timestamp).orElseGet(Instant::now);
    boolean slo =
        headers.firstValue("X-Static-Large-Object").map("true"::equalsIgnoreCase).orElse(false);
    return Optional.of(new Head(size, modified, slo));
  }

  private static Instant timestamp(String xTimestamp) {
    double seconds = Double.parseDouble(xTimestamp);
    long whole = (long) seconds;
    return Instant.ofEpochSecond(whole, Math.round((seconds - whole) * 1_000_000) * 1000);
  }

  /** The segments of the static large object at {@code key}, empty when it is not one. */
  private List<SwiftUpload.Segment> segmentsOf(ObjectKey key) {
    Optional<Head> head = head(key);
    if (head.isEmpty() || !head.get().largeObject()) {
      return List.of();
    }
    HttpResponse<String> response =
        client.sendForString(
            "manifest read",
            key,
            SwiftClient.Call.of("GET", upload.objectPath(key)).query("multipart-manifest", "get"));
    if (response.statusCode() != 200) {
      return List.of(); // replaced meanwhile: nothing of ours to clean up
    }
    List<SwiftUpload.Segment> segments = new ArrayList<>();
    try {
      for (JsonNode segment : JSON.readTree(response.body())) {
        segments.add(
            new SwiftUpload.Segment(
                segment.path("name").asText(),
                segment.path("hash").asText(),
                segment.path("bytes").asLong()));
      }
    } catch (IOException e) {
      throw new StorageException("unreadable manifest", false, location, key, e);
    }
    return segments;
  }

  @Override
  public void delete(ObjectKey key) {
    Optional<Head> head = head(key);
    if (head.isEmpty()) {
      return;
    }
    SwiftClient.Call call = SwiftClient.Call.of("DELETE", upload.objectPath(key));
    if (head.get().largeObject()) {
      call.query("multipart-manifest", "delete").header("Accept", "application/json");
    }
    HttpResponse<String> response = client.sendForString("delete", key, call);
    int status = response.statusCode();
    if (status == 404) {
      return;
    }
    if (status / 100 != 2) {
      throw SwiftFailures.status("delete", status, response.body(), location, key);
    }
    if (head.get().largeObject()) {
      checkBulkDelete(key, response.body());
    }
  }

  /** A multipart delete answers 200 and reports the real outcome in its body. */
  private void checkBulkDelete(ObjectKey key, String body) {
    JsonNode result;
    try {
      result = JSON.readTree(body);
    } catch (IOException e) {
      throw new StorageException("unreadable delete answer", true, location, key, e);
    }
    String outcome = result.path("Response Status").asText("");
    if (!outcome.startsWith("2") && !outcome.startsWith("404")) {
      int status = parseStatus(outcome);
      throw SwiftFailures.status(
          "delete", status, outcome + " " + result.path("Errors"), location, key);
    }
  }

  private static int parseStatus(String outcome) {
    try {
      return Integer.parseInt(outcome.split(" ", 2)[0]);
    } catch (NumberFormatException e) {
      return 500;
    }
  }

  @Override
  public Stream<ObjectInfo> list(String prefix) {
    ObjectKey.checkPrefix(prefix);
    return new SwiftListing(client, container, prefix, listPageSize).stream();
  }

  @Override
  public void checkReachable() {
    ensureContainers(null);
  }

  private void ensureContainers(ObjectKey key) {
    ensureContainer(container, key);
    ensureContainer(segmentContainer, key);
    containersReady = true;
  }

  /** Checks (or creates) a container; {@code key} is the object being written, if any. */
  private void ensureContainer(String name, ObjectKey key) {
    String path = SwiftClient.encode(name);
    // GET, not HEAD: the JDK client refuses the Content-Length Swift sends with HEAD's 204
    HttpResponse<String> check =
        client.sendForString(
            "container check",
            key,
            SwiftClient.Call.of("GET", path).query("format", "json").query("limit", "1"));
    if (check.statusCode() / 100 == 2) {
      return;
    }
    if (check.statusCode() != 404) {
      throw SwiftFailures.status(
          "container check " + name, check.statusCode(), check.body(), location, key);
    }
    if (!createContainer) {
      throw new StorageException(
          "container " + name + " does not exist", false, location, key, null);
    }
    HttpResponse<String> created =
        client.sendForString("container creation", key, SwiftClient.Call.of("PUT", path));
    if (created.statusCode() / 100 != 2) {
      throw SwiftFailures.status(
          "container creation " + name, created.statusCode(), created.body(), location, key);
    }
  }

  @Override
  public String kind() {
    return "swift";
  }

  @Override
  public String location() {
    return location;
  }

  @Override
  public void close() {
    // HttpClient has no close() before Java 21; its threads end when it is unreachable
  }
}
