package dev.trovekeeper.demo.shop;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Every request the shop answered, for tests and the demo's progress. */
public final class ShopTraffic {

  /**
   * One answered request.
   *
   * @param atMillis when it arrived (epoch ms)
   * @param path its path
   * @param status the status answered
   * @param retryAfterSeconds the Retry-After sent with a 429, else 0
   * @param bytes the body's length
   */
  public record Entry(long atMillis, String path, int status, long retryAfterSeconds, long bytes) {}

  private final List<Entry> entries = new CopyOnWriteArrayList<>();

  void add(Entry e) {
    entries.add(e);
  }

  /** All, oldest first. */
  public List<Entry> entries() {
    return List.copyOf(entries);
  }

  /** How many were answered with {@code status}. */
  public long count(int status) {
    return entries.stream().filter(e -> e.status() == status).count();
  }

  public void clear() {
    entries.clear();
  }
}
