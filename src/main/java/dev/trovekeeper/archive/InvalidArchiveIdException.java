package dev.trovekeeper.archive;

/** An id or name that may not become part of an object key; the message says which rule failed. */
public class InvalidArchiveIdException extends IllegalArgumentException {

  private static final int SHOWN_CHARS = 40;

  InvalidArchiveIdException(String field, String value, String rule) {
    super(field + " " + quote(value) + " " + rule);
  }

  private static String quote(String value) {
    if (value == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder("'");
    value
        .codePoints()
        .limit(SHOWN_CHARS)
        .forEach(cp -> out.append(cp >= 0x20 && cp < 0x7f ? Character.toString(cp) : "?"));
    return out.append(value.length() > SHOWN_CHARS ? "...'" : "'").toString();
  }
}
