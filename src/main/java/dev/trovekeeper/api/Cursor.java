package dev.trovekeeper.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque paging cursors: the public id of the last item of a page (a random UUID, or a Trove
 * instance id), never an internal sequence number. The listing that takes a cursor looks the item
 * up within its own scope (the instance, the project), so a cursor of another list or project is a
 * 400, as is one that does not decode: never a silent first page, never another project's rows.
 */
public final class Cursor {

  private static final String PREFIX = "v2:";
  private static final int MAX_KEY = 64;

  private Cursor() {}

  public static String encode(String lastKey) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((PREFIX + lastKey).getBytes(StandardCharsets.UTF_8));
  }

  /** The item key in a cursor, or null for none. */
  public static String decode(String cursor) {
    if (cursor == null || cursor.isEmpty()) {
      return null;
    }
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      String key = text.startsWith(PREFIX) ? text.substring(PREFIX.length()) : "";
      if (key.isEmpty() || key.length() > MAX_KEY || !key.matches("[A-Za-z0-9._-]+")) {
        throw invalid();
      }
      return key;
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
  }

  /** The answer to a cursor that decodes but names no item of this list. */
  public static KeeperException invalid() {
    return KeeperException.invalid("cursor", "is not one this API issued for this list");
  }
}
