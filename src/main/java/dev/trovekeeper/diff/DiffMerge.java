package dev.trovekeeper.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.flipkart.zjsonpatch.DiffFlags;
import com.flipkart.zjsonpatch.JsonDiff;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Iterator;

/**
 * Compares one entity's two sides, each sorted by key ({@link SortedRecords}), in one pass: a key
 * only in the base is REMOVED, only in the other ADDED, in both with different JSON CHANGED with
 * the JSON Patch (zjsonpatch, plain add/remove/replace operations) from base to other. Holds one
 * record of each side at a time. Pure: no I/O but the iterators.
 */
final class DiffMerge {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What one entity's comparison found. */
  static final class Counts {
    long added;
    long changed;
    long removed;
    long unchanged;

    long total() {
      return added + changed + removed;
    }
  }

  /** Called after every object compared (progress, cancellation). */
  interface Tick {
    void compared();
  }

  private DiffMerge() {}

  static Counts merge(
      String entity,
      Iterator<SortedRecords.Entry> base,
      Iterator<SortedRecords.Entry> other,
      ChangeSink sink,
      Tick tick) {
    Counts counts = new Counts();
    SortedRecords.Entry b = next(base);
    SortedRecords.Entry o = next(other);
    while (b != null || o != null) {
      int order = b == null ? 1 : o == null ? -1 : RecordKeys.ORDER.compare(b.key(), o.key());
      if (order < 0) {
        sink.change(entity, b.key(), ChangeKind.REMOVED, null);
        counts.removed++;
        b = next(base);
      } else if (order > 0) {
        sink.change(entity, o.key(), ChangeKind.ADDED, null);
        counts.added++;
        o = next(other);
      } else {
        JsonNode patch = patch(b.json(), o.json());
        if (patch == null) {
          counts.unchanged++;
        } else {
          sink.change(entity, b.key(), ChangeKind.CHANGED, patch);
          counts.changed++;
        }
        b = next(base);
        o = next(other);
      }
      tick.compared();
    }
    return counts;
  }

  /** The patch from {@code base} to {@code other}, or null when they are the same JSON. */
  static JsonNode patch(byte[] base, byte[] other) {
    if (Arrays.equals(base, other)) {
      return null;
    }
    JsonNode from = parse(base);
    JsonNode to = parse(other);
    if (from.equals(to)) {
      return null;
    }
    return JsonDiff.asJson(from, to, DiffFlags.dontNormalizeOpIntoMoveAndCopy());
  }

  private static JsonNode parse(byte[] json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("a record is not JSON", e);
    }
  }

  private static SortedRecords.Entry next(Iterator<SortedRecords.Entry> it) {
    return it.hasNext() ? it.next() : null;
  }
}
