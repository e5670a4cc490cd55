package dev.trovekeeper.trove;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The Trove v1.0 API as the rest of the service uses it; the only entry point to Trove. Calls on a
 * project use the service user's token scoped to that project. Retries (idempotent calls only, see
 * {@link #createBackup}), a circuit breaker per endpoint (SmallRye Fault Tolerance, see {@link
 * TroveCalls}) and one token renewal on 401 happen here, so callers never loop; what still fails
 * leaves as {@link TroveException} with a {@link TroveFault}.
 */
@ApplicationScoped
public class TroveClient {

  private final ObjectMapper json;
  private final TroveHttp http;
  private final TroveCalls calls;
  private final int pageSize;

  @Inject
  TroveClient(KeystoneSession keystone, ObjectMapper json, OpenStackConfig config) {
    this.json = json;
    this.http = new TroveHttp(json, config.timeout(), config.listingTimeout());
    this.calls = new TroveCalls(keystone, config);
    this.pageSize = config.pageSize();
  }

  /**
   * Every instance of every project, cluster members included, through the admin listing {@code
   * mgmt/instances?include_clustered=true} (the service user needs the admin role on its project).
   * Trove 18 answers all of them at once and ignores {@code limit}; a Trove that pages is followed
   * page by page.
   */
  public List<TroveInstance> listAllInstances() {
    String path = "/mgmt/instances?include_clustered=true";
    return pages("GET /mgmt/instances", null, path, "instances", n -> n, n -> false).stream()
        .filter(node -> !node.path("deleted").asBoolean(false))
        .map(TroveJson::instance)
        .toList();
  }

  /**
   * The same instances as {@link #listAllInstances()}, handed to {@code chunk} in lists of at most
   * {@code chunkSize} while the answer is read: memory stays bounded by the chunk, however large
   * the fleet and whether or not Trove pages. A failure (Trove's, or one of {@code chunk}) ends the
   * listing; the chunks handed over before it stay handed over.
   */
  public void listAllInstances(int chunkSize, Consumer<List<TroveInstance>> chunk) {
    String path = "/mgmt/instances?include_clustered=true&limit=" + pageSize;
    List<TroveInstance> buffer = new ArrayList<>(chunkSize);
    String marker = null;
    do {
      String url = path + (marker == null ? "" : "&marker=" + encode(marker));
      JsonNode links =
          calls.run(
              "GET /mgmt/instances",
              null,
              t ->
                  http.getEach(
                      t.troveUrl() + url,
                      t.id(),
                      "instances",
                      node -> {
                        if (!node.path("deleted").asBoolean(false)) {
                          buffer.add(TroveJson.instance(node));
                        }
                        if (buffer.size() >= chunkSize) {
                          chunk.accept(List.copyOf(buffer));
                          buffer.clear();
                        }
                      }));
      String next = TroveJson.nextMarker(links);
      marker = next == null || next.equals(marker) ? null : next;
    } while (marker != null);
    if (!buffer.isEmpty()) {
      chunk.accept(List.copyOf(buffer));
    }
  }

  /**
   * Checks that Keystone gives the service a token and Trove answers it ({@code GET limits}): one
   * attempt, no retry, no circuit breaker, so the answer is Trove's state now.
   */
  public void ping() {
    calls.once(null, t -> http.get(t.troveUrl() + "/limits", t.id()));
  }

  /**
   * Asks Trove for a backup ({@code POST backups}); it answers at once with status NEW, then runs
   * it: poll {@link #getBackup} until it is no longer {@link TroveBackup#running()}.
   *
   * <p>Not idempotent, so retried only when Trove cannot have acted (rate limited, or the
   * connection was refused before sending). A timeout or 5xx after sending leaves as TRANSIENT: the
   * backup may exist all the same, so before posting again look it up with {@link
   * #findBackupByName} (give each attempt a unique name, such as the run id).
   *
   * @param kind FULL, or INCREMENTAL on {@code parentId}; INCREMENTAL with a null parent lets Trove
   *     take the instance's last COMPLETED backup as parent
   * @param description optional
   * @throws TroveException BUSY (422: instance not ready, or a backup already running), NOT_FOUND,
   *     QUOTA_EXCEEDED, RATE_LIMITED, INVALID, TRANSIENT
   */
  public TroveBackup createBackup(
      String projectId,
      String instanceId,
      String name,
      String description,
      BackupKind kind,
      String parentId) {
    if (kind == BackupKind.FULL && parentId != null) {
      throw new IllegalArgumentException("a FULL backup has no parent: " + parentId);
    }
    ObjectNode backup = json.createObjectNode();
    ObjectNode body = backup.putObject("backup");
    putIfSet(body, "name", name);
    putIfSet(body, "instance", instanceId);
    putIfSet(body, "description", description);
    body.put("incremental", kind == BackupKind.INCREMENTAL ? 1 : 0);
    putIfSet(body, "parent_id", parentId);
    JsonNode answer =
        calls.run(
            "POST /backups", projectId, t -> http.post(t.troveUrl() + "/backups", t.id(), backup));
    return TroveJson.backup(answer.path("backup"));
  }

  /** The instance's backup with this name, if any (the newest when names repeat). */
  public Optional<TroveBackup> findBackupByName(String projectId, String instanceId, String name) {
    return findBackup(projectId, instanceId, b -> name.equals(b.name()));
  }

  /** The newest backup of an instance that matches {@code wanted}, if any (stops paging there). */
  public Optional<TroveBackup> findBackup(
      String projectId, String instanceId, Predicate<TroveBackup> wanted) {
    return backups(projectId, instanceId, wanted).stream().filter(wanted).findFirst();
  }

  /** All backups of an instance, newest first, DELETE_FAILED ones included. */
  public List<TroveBackup> listBackups(String projectId, String instanceId) {
    return backups(projectId, instanceId, b -> false);
  }

  /** One backup; NOT_FOUND once it is deleted. */
  public TroveBackup getBackup(String projectId, String backupId) {
    return TroveJson.backup(
        get("GET /backups/{id}", projectId, "/backups/" + encode(backupId)).path("backup"));
  }

  /**
   * Deletes a backup and, as Trove does, its incremental descendants. Trove answers 202 and deletes
   * in the background; a failure shows later as status DELETE_FAILED.
   *
   * @throws TroveException BUSY when the backup is still running, NOT_FOUND
   */
  public void deleteBackup(String projectId, String backupId) {
    String path = "/backups/" + encode(backupId);
    calls.run(
        "DELETE /backups/{id}",
        projectId,
        t -> {
          http.delete(t.troveUrl() + path, t.id());
          return null;
        });
  }

  /**
   * Asks Trove for a new instance restored from a backup ({@code POST instances} with {@code
   * restorePoint}); Trove answers at once in BUILD and takes the datastore from the backup: poll
   * {@link #getInstance} until ACTIVE (or ERROR).
   *
   * <p>Not idempotent, so retried only where Trove cannot have acted, as {@link #createBackup}. A
   * timeout or 5xx after sending leaves as TRANSIENT: the instance may exist all the same, so
   * before posting again look it up with {@link #findInstanceByName} (give each attempt a unique
   * name).
   *
   * @param volumeSize GB; null for Trove's default
   * @throws TroveException NOT_FOUND (no such backup in the project), INVALID (400, or 409: the
   *     backup is not COMPLETED), QUOTA_EXCEEDED, RATE_LIMITED, TRANSIENT
   */
  public TroveInstance createInstanceFromBackup(
      String projectId, String name, String flavorRef, Integer volumeSize, String backupId) {
    ObjectNode request = json.createObjectNode();
    ObjectNode body = request.putObject("instance");
    body.put("name", name);
    body.put("flavorRef", flavorRef);
    if (volumeSize != null) {
      body.putObject("volume").put("size", volumeSize);
    }
    body.putObject("restorePoint").put("backupRef", backupId);
    JsonNode answer =
        calls.run(
            "POST /instances",
            projectId,
            t -> http.post(t.troveUrl() + "/instances", t.id(), request));
    return TroveJson.instance(answer.path("instance"), projectId);
  }

  /** The project's instance with this name, if any (the newest when names repeat). */
  public Optional<TroveInstance> findInstanceByName(String projectId, String name) {
    return pages(
            "GET /instances",
            projectId,
            "/instances",
            "instances",
            n -> TroveJson.instance(n, projectId),
            i -> name.equals(i.name()))
        .stream()
        .filter(i -> name.equals(i.name()))
        .findFirst();
  }

  /**
   * Deletes an instance: Trove answers 202, shows it SHUTDOWN, then 404.
   *
   * @throws TroveException NOT_FOUND when it is already gone, BUSY
   */
  public void deleteInstance(String projectId, String instanceId) {
    String path = "/instances/" + encode(instanceId);
    calls.run(
        "DELETE /instances/{id}",
        projectId,
        t -> {
          http.delete(t.troveUrl() + path, t.id());
          return null;
        });
  }

  /**
   * An instance's flavor and volume size ({@code GET instances/{id}}), to size a restore like it.
   */
  public InstanceSize getInstanceSize(String projectId, String instanceId) {
    JsonNode body = get("GET /instances/{id}", projectId, "/instances/" + encode(instanceId));
    JsonNode instance = body.path("instance");
    JsonNode volume = instance.path("volume").path("size");
    return new InstanceSize(
        instance.path("flavor").path("id").asText(null), volume.isInt() ? volume.asInt() : null);
  }

  /**
   * The flavors the project may use ({@code GET flavors}), smallest RAM first.
   *
   * @return id and RAM (MB) of each
   */
  public List<Flavor> listFlavors(String projectId) {
    JsonNode body = get("GET /flavors", projectId, "/flavors");
    List<Flavor> flavors = new ArrayList<>();
    for (JsonNode f : body.path("flavors")) {
      String id = f.hasNonNull("str_id") ? f.get("str_id").asText() : f.path("id").asText();
      flavors.add(new Flavor(id, f.path("name").asText(null), f.path("ram").asInt()));
    }
    flavors.sort(java.util.Comparator.comparingInt(Flavor::ram).thenComparing(Flavor::id));
    return flavors;
  }

  /** A flavor's size: what a restore drill compares to take the smallest. */
  public record Flavor(String id, String name, int ram) {}

  /**
   * What a new instance restored from a backup is sized like by default.
   *
   * @param flavorId Nova flavor id, as Trove's {@code flavor.id}
   * @param volumeSize GB; null without a volume
   */
  public record InstanceSize(String flavorId, Integer volumeSize) {}

  /** One instance with its status (ACTIVE, BUILD, BACKUP, ERROR, SHUTDOWN...). */
  public TroveInstance getInstance(String projectId, String instanceId) {
    JsonNode body = get("GET /instances/{id}", projectId, "/instances/" + encode(instanceId));
    return TroveJson.instance(body.path("instance"), projectId);
  }

  /** The project's quotas and rate limits ({@code GET limits}). */
  public ProjectLimits limits(String projectId) {
    return TroveJson.limits(get("GET /limits", projectId, "/limits"));
  }

  private List<TroveBackup> backups(
      String projectId, String instanceId, Predicate<TroveBackup> stop) {
    String path = "/instances/" + encode(instanceId) + "/backups";
    return pages(
        "GET /instances/{id}/backups", projectId, path, "backups", TroveJson::backup, stop);
  }

  /**
   * Follows Trove's {@code limit}/{@code marker} paging until the last page or an item matching
   * {@code stop}. Only the marker is read from the {@code next} link: its host is not to be trusted
   * (Trove writes https:// even over http).
   */
  /** Endpoints (verb and resource kind) whose circuit breaker is open or half-open, by state. */
  Map<String, String> openCircuits() {
    Map<String, String> open = new TreeMap<>();
    calls.breakersNotClosed().forEach((endpoint, state) -> open.put(endpoint, state.name()));
    return open;
  }

  private <T> List<T> pages(
      String endpoint,
      String projectId,
      String path,
      String key,
      Function<JsonNode, T> map,
      Predicate<T> stop) {
    List<T> items = new ArrayList<>();
    String marker = null;
    do {
      String query =
          (path.contains("?") ? "&" : "?")
              + "limit="
              + pageSize
              + (marker == null ? "" : "&marker=" + encode(marker));
      JsonNode page = get(endpoint, projectId, path + query);
      for (JsonNode node : page.path(key)) {
        T item = map.apply(node);
        items.add(item);
        if (stop.test(item)) {
          return items;
        }
      }
      String next = TroveJson.nextMarker(page);
      marker = next == null || next.equals(marker) ? null : next;
    } while (marker != null);
    return items;
  }

  private JsonNode get(String endpoint, String projectId, String path) {
    return calls.run(endpoint, projectId, t -> http.get(t.troveUrl() + path, t.id()));
  }

  private static void putIfSet(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
