package dev.trovekeeper.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Decides whether a raw request path (as sent, before any decoding) can be routed as it reads.
 * Vert.x normalises {@code /projects/%2e%2e/pause} to {@code /pause} before routing and RESTEasy
 * drops {@code ;...} from a segment, so such paths would reach another route or another id than the
 * one the client wrote; they are refused instead. Pure: no I/O.
 */
public final class RawPaths {

  private RawPaths() {}

  /** Why the path is refused, or empty when every segment means what it says. */
  public static Optional<String> problem(String rawPath) {
    if (rawPath == null || rawPath.isEmpty()) {
      return Optional.empty();
    }
    String[] segments = rawPath.split("/", -1);
    for (int i = 1; i < segments.length; i++) {
      String raw = segments[i];
      if (raw.isEmpty()) {
        if (i < segments.length - 1) {
          return Optional.of("the path has an empty segment ('//')");
        }
        continue;
      }
      String decoded;
      try {
        decoded = URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return Optional.of("the path has a malformed percent-encoding in '" + printable(raw) + "'");
      }
      if (decoded.equals(".") || decoded.equals("..")) {
        return Optional.of("the path has a '.' or '..' segment (also when percent-encoded)");
      }
      if (decoded.chars().anyMatch(RawPaths::forbidden)) {
        return Optional.of(
            "the path segment '"
                + printable(raw)
                + "' holds a character not allowed in a path: ';', '/', '\\' or a control"
                + " character (also when percent-encoded)");
      }
    }
    return Optional.empty();
  }

  /**
   * Why a raw query string (as sent, without {@code ?}) is refused: a {@code %} not followed by two
   * hex digits, or bytes that do not decode as UTF-8. Empty when it decodes.
   */
  public static Optional<String> queryProblem(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return Optional.empty();
    }
    for (String pair : rawQuery.split("&")) {
      try {
        String decoded = URLDecoder.decode(pair, StandardCharsets.UTF_8);
        if (decoded.indexOf('\uFFFD') >= 0 && pair.indexOf('\uFFFD') < 0) {
          return Optional.of(
              "the query parameter '" + printable(pair) + "' is not percent-encoded UTF-8");
        }
      } catch (IllegalArgumentException e) {
        return Optional.of(
            "the query has a malformed percent-encoding in '"
                + printable(pair)
                + "' (a '%' must be followed by two hex digits; send '%' itself as %25)");
      }
    }
    return Optional.empty();
  }

  private static boolean forbidden(int c) {
    return c == ';' || c == '/' || c == '\\' || c < 0x20 || c == 0x7f;
  }

  /** The segment as it can be shown in a message: printable ASCII, at most 64 characters. */
  private static String printable(String raw) {
    String shown = raw.replaceAll("[^\\x21-\\x7e]", "?");
    return shown.length() > 64 ? shown.substring(0, 64) + "..." : shown;
  }
}
