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
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The diff engine for other features (a restore): a backup and another side (the live data) read
 * and sorted on disk as a diff run does ({@link DiffSide}), then compared one entity at a time in
 * the order the caller chooses, each differing object handed over with both records (the backup's,
 * to write back; the other side's). Memory: one record per side. Close it to delete its sorted
 * files.
 */
public final class Comparison implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long WAITING_EVERY_MS = 200;
  private static final AtomicInteger THREADS = new AtomicInteger();

  /** Reads the records of the compared side into a sink (e.g. a dataset's live source). */
  public interface Side {
    void read(dev.trovekeeper.source.RecordSink sink) throws InterruptedException;
  }

  /** Told of each entity started and each record read (progress, cancellation). */
  public interface Listener {
    void entity(String name);

    void record();

    /** A listener of {@code entity} for each entity started and {@code record} for each record. */
    static Listener of(java.util.function.Consumer<String> entity, Runnable record) {
      return new Listener() {
        @Override
        public void entity(String name) {
          entity.accept(name);
        }

        @Override
        public void record() {
          record.run();
        }
      };
    }
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

  /** Rewrites a backup's record of {@code entity} as it is read (answers it or a copy). */
  public interface BackupRecords {
    JsonNode read(String entity, JsonNode record);
  }

  /** Handed an object equal on both sides, with the backup's record. */
  public interface SameSink {
    void same(String entity, String id, JsonNode backup) throws InterruptedException;
  }

  private final DiffSide base;
  private final DiffSide other;

  private Comparison(DiffSide base, DiffSide other) {
    this.base = base;
    this.other = other;
  }

  /**
   * Reads {@code backup} and {@code other} into sorted runs under {@code dir} (chunks of {@code
   * chunkBytes} per side) at the same time: the backup on a thread of its own ({@code
   * backupListener} is called there), the other side on the caller's thread. Reading a backup is
   * work for the CPU and the disk only, while a live source's reader mostly waits for its rate
   * limit: one after the other, the backup's time was a pause in the source's requests; together,
   * it fills the waits between them. Once the other side is read, {@code waiting} runs on the
   * caller's thread about every {@value #WAITING_EVERY_MS} ms until the backup is read (progress,
   * cancellation: what it throws stops the backup's read). A failure of the backup's read stops the
   * other side's at its next record. Memory: one sorting buffer per side.
   */
  public static Comparison read(
      ArchiveReader backup,
      Side other,
      Path dir,
      long chunkBytes,
      Listener backupListener,
      Listener otherListener,
      Runnable waiting)
      throws InterruptedException {
    return read(backup, null, other, dir, chunkBytes, backupListener, otherListener, waiting);
  }

  /**
   * As {@link #read(ArchiveReader, Side, Path, long, Listener, Listener, Runnable)}, each backup
   * record read through {@code backupRecords} (null: as stored) before it is keyed and sorted.
   */
  public static Comparison read(
      ArchiveReader backup,
      BackupRecords backupRecords,
      Side other,
      Path dir,
      long chunkBytes,
      Listener backupListener,
      Listener otherListener,
      Runnable waiting)
      throws InterruptedException {
    BackupRead base = new BackupRead(backup, backupRecords, dir, chunkBytes, backupListener);
    DiffSide live;
    try {
      live = DiffSide.read(other::read, dir, chunkBytes, base.failingFast(otherListener));
    } catch (RuntimeException | Error | InterruptedException e) {
      base.abandon();
      throw e;
    }
    try {
      return new Comparison(base.await(waiting), live);
    } catch (RuntimeException | Error | InterruptedException e) {
      base.abandon();
      live.close();
      throw e;
    }
  }

  /** The backup's side, sorted (for the diff engine, which compares every entity at once). */
  DiffSide backupSide() {
    return base;
  }

  /** The other side, sorted. */
  DiffSide otherSide() {
    return other;
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
    return compare(entity, sink, null, tick);
  }

  /**
   * As {@link #compare(String, DifferenceSink, Runnable)}, handing each object equal on both sides
   * to {@code same} (null: none; parsing them costs).
   */
  public long compare(String entity, DifferenceSink sink, SameSink same, Runnable tick)
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
          if (same != null) {
            same.same(entity, x.key(), parse(x));
          }
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
    return adapt(listener, () -> {});
  }

  /** {@code listener} as the sides call it; {@code check} runs before each record (may throw). */
  private static DiffSide.Listener adapt(Listener listener, Runnable check) {
    return new DiffSide.Listener() {
      @Override
      public void entity(String name) {
        listener.entity(name);
      }

      @Override
      public void record() {
        check.run();
        listener.record();
      }
    };
  }

  /** The backup's side, read and sorted on a thread of its own. */
  private static final class BackupRead {
    private final FutureTask<DiffSide> task;
    private volatile boolean stopped;

    BackupRead(
        ArchiveReader backup, BackupRecords records, Path dir, long chunkBytes, Listener listener) {
      DiffSide.Listener stoppable =
          adapt(
              listener,
              () -> {
                if (stopped) {
                  throw new CancellationException("the comparison stopped");
                }
              });
      task =
          new FutureTask<>(
              () ->
                  DiffSide.read(
                      DiffSide.archive(backup, records == null ? null : records::read),
                      dir,
                      chunkBytes,
                      stoppable));
      Thread thread = new Thread(task, "comparison-backup-read-" + THREADS.incrementAndGet());
      thread.setDaemon(true);
      thread.start();
    }

    /** {@code listener}, throwing the backup read's failure as soon as there is one. */
    DiffSide.Listener failingFast(Listener listener) {
      return adapt(
          listener,
          () -> {
            if (task.isDone()) {
              failure().ifPresent(Comparison::rethrow);
            }
          });
    }

    /** The backup read's own failure (an unreadable archive), when it ended with one. */
    java.util.Optional<RuntimeException> failure() {
      if (!task.isDone()) {
        return java.util.Optional.empty();
      }
      try {
        task.get();
        return java.util.Optional.empty();
      } catch (ExecutionException e) {
        return e.getCause() instanceof RuntimeException r && !(r instanceof CancellationException)
            ? java.util.Optional.of(r)
            : java.util.Optional.empty();
      } catch (InterruptedException | CancellationException e) {
        return java.util.Optional.empty();
      }
    }

    /** The sorted backup, running {@code waiting} while it is being read. */
    DiffSide await(Runnable waiting) throws InterruptedException {
      while (true) {
        try {
          return task.get(WAITING_EVERY_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
          waiting.run();
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof InterruptedException i) {
            throw i;
          }
          rethrow(cause);
        }
      }
    }

    /**
     * Stops the backup's read and waits until it has ended (it deletes its sorted files on a
     * failure; a side it finished meanwhile is closed here).
     */
    void abandon() {
      stopped = true;
      boolean interrupted = false;
      while (true) {
        try {
          task.get().close();
          break;
        } catch (ExecutionException | CancellationException e) {
          break; // it closed what it had read
        } catch (InterruptedException e) {
          interrupted = true; // the read stops at its next record: wait for it
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Throws a failure of the backup's thread as it was (an unchecked exception or an error). */
  private static void rethrow(Throwable t) {
    if (t instanceof RuntimeException r) {
      throw r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    throw new IllegalStateException("reading the backup failed", t);
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
