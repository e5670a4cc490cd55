package dev.trovekeeper.run;

import dev.trovekeeper.api.Cursor;
import dev.trovekeeper.api.KeeperException;
import dev.trovekeeper.api.Page;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Filter and page of a backup or run listing, checked: {@code from}/{@code to} are ISO-8601
 * instants (creation time, from inclusive, to exclusive), the cursor one this API issued.
 *
 * @param after public id of the last item of the previous page (from the cursor), or null
 */
public record HistoryFilter(String status, Instant from, Instant to, String after, int limit) {

  /** Parses the query parameters; 400 VALIDATION_FAILED naming the bad one. */
  public static HistoryFilter of(
      String status, String from, String to, String cursor, String limit) {
    // The listing checks the status against its own values and names them in the answer.
    return new HistoryFilter(
        status, instant("from", from), instant("to", to), Cursor.decode(cursor), Page.limit(limit));
  }

  private static Instant instant(String name, String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw KeeperException.invalid(
          name, "must be an ISO-8601 instant such as 2030-01-31T00:00:00Z");
    }
  }
}
