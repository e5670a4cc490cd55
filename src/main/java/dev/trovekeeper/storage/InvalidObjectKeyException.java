package dev.trovekeeper.storage;

/** A string that is not a valid {@link ObjectKey} or key prefix; the message says why. */
public class InvalidObjectKeyException extends IllegalArgumentException {

  private static final int SHOWN_CHARS = 80;

  InvalidObjectKeyException(String candidate, String reason) {
    super("invalid object key " + quote(candidate) + ": " + reason);
  }

  /** Quotes at most {@value #SHOWN_CHARS} characters, escaping anything outside printable ASCII. */
  private static String quote(String candidate) {
    if (candidate == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder("'");
    candidate
        .codePoints()
        .limit(SHOWN_CHARS)
        .forEach(
            cp -> {
              if (cp >= 0x20 && cp < 0x7f) {
                out.appendCodePoint(cp);
              } else {
                out.append(String.format("\\u%04x", cp));
              }
            });
    if (candidate.length() > SHOWN_CHARS) {
      out.append("...");
    }
    return out.append('\'').toString();
  }
}
