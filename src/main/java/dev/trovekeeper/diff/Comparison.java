package dev.trovekeeper.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trovekeeper.archive.ArchiveReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The diff engine for other features (a restore): a backup and another side (the live data) read
 * and sorted on disk as a diff run does ({@link DiffSide}), then compared one entity at a time in
 * the order the caller chooses, each differing object handed over with both records (the backup's,
 * to write back; the other side's). Memory: one record per side. Close it to delete its sorted
 * files.
 */
public final class Comparison implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reads the records of the compared side into a sink (e.g. a dataset's live source). */
  public interface Side {
    void read(dev.trovekeeper.source.RecordSink sink) throws InterruptedException;
  }

  /** Told of each entity started and each record read (progress, cancellation). */
  public interface Listener {
    void entity(String name);

    void record();
  }

  /**
   * One object that differs.
   *
   * @param entity its entity
   * @param id its key (one id field's value as text; several: the JSON array of their values)
   * @param kind ADDED (only on the other side), CHANGED or REMOVED (only in the backup)
   * @param backup the backup's record (null for ADDED)
   * @param other the other side's record (null for REMOVED)
   */
  public record Difference(
      String entity, String id, ChangeKind kind, JsonNode backup, JsonNode other) {}

  /** Handed each difference of an entity in key order. */
  public interface DifferenceSink {
    void difference(Difference difference) throws InterruptedException;
  }

  private final DiffSide base;
  private final DiffSide other;

  private Comparison(DiffSide base, DiffSide other) {
    this.base = base;
    this.other = other;
  }

  /**
   * Reads {@code backup} and then {@code other} into sorted runs under {@code dir} (chunks of
   * {@code chunkBytes}).
   */
  public static Comparison read(
      ArchiveReader backup,
      Side other,
      Path dir,
      long chunkBytes,
      Listener backupListener,
      Listener otherListener)
      throws InterruptedException {
    DiffSide base = DiffSide.read(DiffSide.archive(backup), dir, chunkBytes, adapt(backupListener));
    try {
      DiffSide live = DiffSide.read(other::read, dir, chunkBytes, adapt(otherListener));
      return new Comparison(base, live);
    } catch (RuntimeException | InterruptedException e) {
      base.close();
      throw e;
    }
  }

  /** Every entity of either side: the backup's in its order, then those only the other has. */
  public List<String> entities() {
    Set<String> names = new LinkedHashSet<>(base.entities().keySet());
    names.addAll(other.entities().keySet());
    return new ArrayList<>(names);
  }

  /** Records read of each side, per entity. */
  public long backupRecords(String entity) {
    SortedRecords records = base.entities().get(entity);
    return records == null ? 0 : records.count();
  }

  /**
   * Compares one entity, handing each differing object to {@code sink} in key order; {@code tick}
   * after every object compared. Answers how many objects were equal on both sides.
   */
  public long compare(String entity, DifferenceSink sink, Runnable tick)
      throws InterruptedException {
    Iterator<SortedRecords.Entry> b = sorted(base, entity);
    Iterator<SortedRecords.Entry> o = sorted(other, entity);
    SortedRecords.Entry x = next(b);
    SortedRecords.Entry y = next(o);
    long unchanged = 0;
    while (x != null || y != null) {
      int order = x == null ? 1 : y == null ? -1 : RecordKeys.ORDER.compare(x.key(), y.key());
      if (order < 0) {
        sink.difference(new Difference(entity, x.key(), ChangeKind.REMOVED, parse(x), null));
        x = next(b);
      } else if (order > 0) {
        sink.difference(new Difference(entity, y.key(), ChangeKind.ADDED, null, parse(y)));
        y = next(o);
      } else {
        if (DiffMerge.patch(x.json(), y.json()) == null) {
          unchanged++;
        } else {
          sink.difference(new Difference(entity, x.key(), ChangeKind.CHANGED, parse(x), parse(y)));
        }
        x = next(b);
        y = next(o);
      }
      tick.run();
    }
    return unchanged;
  }

  @Override
  public void close() {
    base.close();
    other.close();
  }

  private static DiffSide.Listener adapt(Listener listener) {
    return new DiffSide.Listener() {
      @Override
      public void entity(String name) {
        listener.entity(name);
      }

      @Override
      public void record() {
        listener.record();
      }
    };
  }

  private static Iterator<SortedRecords.Entry> sorted(DiffSide side, String entity) {
    SortedRecords records = side.entities().get(entity);
    return records == null ? Collections.emptyIterator() : records.sorted();
  }

  private static SortedRecords.Entry next(Iterator<SortedRecords.Entry> it) {
    return it.hasNext() ? it.next() : null;
  }

  private static JsonNode parse(SortedRecords.Entry entry) {
    try {
      return JSON.readTree(entry.json());
    } catch (IOException e) {
      throw new UncheckedIOException("a record is not JSON", e);
    }
  }
}
