package dev.trovekeeper.storage;

import java.util.regex.Pattern;

/**
 * The key of a stored object: a relative, slash-separated path of segments made only of {@code
 * [A-Za-z0-9._-]}, at most {@value #MAX_LENGTH} characters, with no empty, {@code .} or {@code ..}
 * segment. Keys are built from validated ids, so a user string can never address a path outside the
 * store.
 *
 * @param value the key as stored, for example {@code tenants/t-42/runs/r-7/data.jsonl.zst}
 */
public record ObjectKey(String value) implements Comparable<ObjectKey> {

  /** Longest accepted key, the S3 limit. */
  public static final int MAX_LENGTH = 1024;

  private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._/-]*");

  /** Validates {@code value}; throws {@link InvalidObjectKeyException} when it is not a key. */
  public ObjectKey {
    check(value, false);
  }

  /** Returns the key for {@code value}, or throws {@link InvalidObjectKeyException}. */
  public static ObjectKey of(String value) {
    return new ObjectKey(value);
  }

  /** Whether {@code value} is a valid key; files that are not (such as temporaries) are skipped. */
  public static boolean isValid(String value) {
    try {
      check(value, false);
      return true;
    } catch (InvalidObjectKeyException e) {
      return false;
    }
  }

  /** Returns this key followed by {@code /} and {@code relative}, validated again. */
  public ObjectKey resolve(String relative) {
    return new ObjectKey(value + "/" + relative);
  }

  /**
   * Validates a listing prefix: the empty string, or the start of a key (a trailing {@code /} is
   * allowed). Returns the prefix unchanged.
   */
  public static String checkPrefix(String prefix) {
    check(prefix, true);
    return prefix;
  }

  private static void check(String candidate, boolean prefix) {
    if (candidate == null) {
      throw new InvalidObjectKeyException(null, "must not be null");
    }
    if (candidate.isEmpty()) {
      if (prefix) {
        return;
      }
      throw new InvalidObjectKeyException(candidate, "must not be empty");
    }
    if (candidate.length() > MAX_LENGTH) {
      throw new InvalidObjectKeyException(candidate, "longer than " + MAX_LENGTH + " characters");
    }
    if (!ALLOWED.matcher(candidate).matches()) {
      throw new InvalidObjectKeyException(candidate, "only A-Z a-z 0-9 . _ - / are allowed");
    }
    if (candidate.startsWith("/")) {
      throw new InvalidObjectKeyException(candidate, "must be relative (no leading '/')");
    }
    if (candidate.contains("..")) {
      throw new InvalidObjectKeyException(candidate, "must not contain '..'");
    }
    String body =
        prefix && candidate.endsWith("/")
            ? candidate.substring(0, candidate.length() - 1)
            : candidate;
    for (String segment : body.split("/", -1)) {
      if (segment.isEmpty()) {
        throw new InvalidObjectKeyException(candidate, "must not have empty segments");
      }
      if (segment.equals(".")) {
        throw new InvalidObjectKeyException(candidate, "must not have '.' segments");
      }
    }
  }

  @Override
  public int compareTo(ObjectKey other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
