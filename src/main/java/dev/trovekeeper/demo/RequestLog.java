package dev.trovekeeper.demo;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every request the region answered. Patterns replace ids with {@code {id}} and drop the prefix:
 * Trove paths look like {@code /backups/{id}} (after {@code /v1.0/{project}}), Keystone paths like
 * {@code /v3/auth/tokens}.
 */
public final class RequestLog {

  /** One answered request. */
  public record Entry(String method, String path, String pattern, String projectId, int status) {}

  private final List<Entry> entries = new CopyOnWriteArrayList<>();

  RequestLog() {}

  void add(Entry entry) {
    entries.add(entry);
  }

  /** All entries, oldest first. */
  public List<Entry> entries() {
    return List.copyOf(entries);
  }

  /** How many requests had this method and exactly this pattern, e.g. ("POST", "/backups"). */
  public long count(String method, String pattern) {
    return entries.stream()
        .filter(e -> e.method().equalsIgnoreCase(method) && e.pattern().equals(pattern))
        .count();
  }

  public void clear() {
    entries.clear();
  }

  /** {@code /v1.0/p/instances/abc/backups} -> {@code /instances/{id}/backups}. */
  static String pattern(String path) {
    var parts = path.split("/");
    var out = new StringBuilder();
    int from = path.startsWith("/v1.0/") ? 3 : path.startsWith("/identity/") ? 2 : 1;
    for (int i = from; i < parts.length; i++) {
      var prev = parts[i - 1];
      boolean id =
          i > from
              && (prev.equals("instances") || prev.equals("backups") || prev.equals("flavors"));
      out.append('/').append(id ? "{id}" : parts[i]);
    }
    return out.toString();
  }
}
