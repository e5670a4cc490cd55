package dev.trovekeeper.diff;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * One side of one entity, sorted by record key without holding it in memory: records are buffered
 * up to {@code chunkBytes}, each full buffer is sorted and written to a temporary file (a sorted
 * run), and reading merges the runs (a k-way merge, one record per run in memory). Close it to
 * delete its files.
 */
final class SortedRecords implements AutoCloseable {

  /** A record and its key; {@code json} is the record's UTF-8 JSON. */
  record Entry(String key, byte[] json) {}

  private static final Comparator<Entry> BY_KEY =
      (a, b) -> RecordKeys.ORDER.compare(a.key(), b.key());
  private static final int OVERHEAD = 64;

  private final Path dir;
  private final long chunkBytes;
  private final List<Path> runs = new ArrayList<>();
  private List<Entry> buffer = new ArrayList<>();
  private long buffered;
  private long count;
  private final List<AutoCloseable> open = new ArrayList<>();

  SortedRecords(Path dir, long chunkBytes) {
    this.dir = dir;
    this.chunkBytes = chunkBytes;
  }

  void add(String key, byte[] json) {
    buffer.add(new Entry(key, json));
    buffered += OVERHEAD + 2L * key.length() + json.length;
    count++;
    if (buffered >= chunkBytes) {
      spill();
    }
  }

  /** Records added. */
  long count() {
    return count;
  }

  /** Sorted runs written to disk so far. */
  int runs() {
    return runs.size();
  }

  /**
   * Ends adding: what is buffered is written as a last run, so no buffer stays in memory while
   * other entities are read and compared.
   */
  void seal() {
    if (!buffer.isEmpty()) {
      spill();
    }
  }

  /** Every record in key order (call once, after the last {@link #add}). */
  Iterator<Entry> sorted() {
    seal();
    return new Merge();
  }

  private void spill() {
    buffer.sort(BY_KEY);
    try {
      Path file = Files.createTempFile(dir, "diff-", ".run");
      runs.add(file);
      try (var out =
          new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
        for (Entry e : buffer) {
          byte[] key = e.key().getBytes(StandardCharsets.UTF_8);
          out.writeInt(key.length);
          out.write(key);
          out.writeInt(e.json().length);
          out.write(e.json());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing a sorted run of a diff failed", e);
    }
    buffer = new ArrayList<>();
    buffered = 0;
  }

  @Override
  public void close() {
    for (AutoCloseable c : open) {
      try {
        c.close();
      } catch (Exception e) {
        // deleting the files below is what matters
      }
    }
    open.clear();
    for (Path run : runs) {
      try {
        Files.deleteIfExists(run);
      } catch (IOException e) {
        // a temporary file left behind: the temp dir's cleaner takes it
      }
    }
    runs.clear();
    buffer = new ArrayList<>();
  }

  /** One open run: its next record. */
  private static final class Cursor implements AutoCloseable {
    final DataInputStream in;
    Entry head;

    Cursor(Path file) throws IOException {
      in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
      advance();
    }

    void advance() throws IOException {
      int keyLength;
      try {
        keyLength = in.readInt();
      } catch (EOFException end) {
        head = null;
        return;
      }
      byte[] key = in.readNBytes(keyLength);
      byte[] json = in.readNBytes(in.readInt());
      head = new Entry(new String(key, StandardCharsets.UTF_8), json);
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  private final class Merge implements Iterator<Entry> {
    private final PriorityQueue<Cursor> queue =
        new PriorityQueue<>((a, b) -> BY_KEY.compare(a.head, b.head));

    Merge() {
      try {
        for (Path run : runs) {
          Cursor cursor = new Cursor(run);
          open.add(cursor);
          if (cursor.head != null) {
            queue.add(cursor);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("reading a sorted run of a diff failed", e);
      }
    }

    @Override
    public boolean hasNext() {
      return !queue.isEmpty();
    }

    @Override
    public Entry next() {
      Cursor cursor = queue.poll();
      if (cursor == null) {
        throw new NoSuchElementException();
      }
      Entry entry = cursor.head;
      try {
        cursor.advance();
      } catch (IOException e) {
        throw new UncheckedIOException("reading a sorted run of a diff failed", e);
      }
      if (cursor.head != null) {
        queue.add(cursor);
      }
      return entry;
    }
  }
}
