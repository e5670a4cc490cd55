package dev.trovekeeper.demo;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Trove's {@code ?limit=&marker=} paging. Backups use an offset as marker (as recorded: {@code
 * marker=2}); instances use the id of the last item shown.
 */
final class Page {

  private Page() {}

  /** Wraps {@code items} under {@code key}, adding {@code links} only when more follow. */
  static <T> Map<String, Object> of(
      String key,
      List<T> all,
      Request req,
      boolean offsetMarker,
      Function<T, String> id,
      Function<T, Object> view) {
    int from = start(all, req.query().get("marker"), offsetMarker, id);
    int limit = parseInt(req.query().get("limit"), all.size());
    int to = Math.min(all.size(), from + Math.max(limit, 0));
    var body = Json.obj(key, all.subList(from, to).stream().map(view).toList());
    if (req.query().containsKey("limit") && to < all.size()) {
      var marker = offsetMarker ? String.valueOf(to) : id.apply(all.get(to - 1));
      var href = req.linkBase() + req.path() + "?limit=" + limit + "&marker=" + marker;
      body.put("links", List.of(Json.obj("rel", "next", "href", href)));
    }
    return body;
  }

  private static <T> int start(
      List<T> all, String marker, boolean offsetMarker, Function<T, String> id) {
    if (marker == null || marker.isEmpty()) {
      return 0;
    }
    if (offsetMarker && marker.chars().allMatch(Character::isDigit)) {
      return Math.min(all.size(), Integer.parseInt(marker));
    }
    for (int i = 0; i < all.size(); i++) {
      if (id.apply(all.get(i)).equals(marker)) {
        return i + 1;
      }
    }
    throw TroveException.notFound(marker);
  }

  private static int parseInt(String s, int fallback) {
    try {
      return s == null ? fallback : Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw TroveException.badRequest("limit " + s + " is not an integer");
    }
  }
}
