package dev.trovekeeper.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque paging cursors: the id of the last item of a page, encoded so clients do not build them. A
 * cursor that does not decode is a 400, never a silent first page.
 */
public final class Cursor {

  private static final String PREFIX = "v1:";

  private Cursor() {}

  public static String encode(long lastId) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((PREFIX + lastId).getBytes(StandardCharsets.UTF_8));
  }

  /** The id in a cursor, or null for none. */
  public static Long decode(String cursor) {
    if (cursor == null || cursor.isEmpty()) {
      return null;
    }
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (!text.startsWith(PREFIX)) {
        throw new NumberFormatException();
      }
      return Long.parseLong(text.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw KeeperException.invalid("cursor", "is not one this API issued");
    }
  }
}
