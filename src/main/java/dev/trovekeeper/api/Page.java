package dev.trovekeeper.api;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list: the items and the cursor of the next page (null on the last one).
 *
 * @param <T> item type
 */
public record Page<T>(List<T> items, String nextCursor) {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;

  /**
   * Builds a page from up to {@code limit + 1} fetched rows: the extra row only tells that there is
   * a next page. {@code key} is the item's public id, which the next page's cursor carries.
   */
  public static <T> Page<T> of(List<T> fetched, int limit, Function<T, String> key) {
    if (fetched.size() <= limit) {
      return new Page<>(fetched, null);
    }
    List<T> items = fetched.subList(0, limit);
    return new Page<>(List.copyOf(items), Cursor.encode(key.apply(items.get(limit - 1))));
  }

  /** The limit asked for, checked: 1 to {@link #MAX_LIMIT}, default {@link #DEFAULT_LIMIT}. */
  public static int limit(Integer requested) {
    if (requested == null) {
      return DEFAULT_LIMIT;
    }
    if (requested < 1 || requested > MAX_LIMIT) {
      throw KeeperException.invalid("limit", "must be between 1 and " + MAX_LIMIT);
    }
    return requested;
  }

  /**
   * The same from the raw query parameter: resources take {@code limit} as text, because JAX-RS
   * answers a query value it cannot convert with 404, and a bad limit is a 400.
   */
  public static int limit(String requested) {
    if (requested == null || requested.isEmpty()) {
      return DEFAULT_LIMIT;
    }
    if (!requested.matches("-?\\d{1,9}")) {
      throw KeeperException.invalid("limit", "must be a whole number between 1 and " + MAX_LIMIT);
    }
    return limit(Integer.valueOf(requested));
  }
}
