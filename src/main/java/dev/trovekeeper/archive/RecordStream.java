package dev.trovekeeper.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Records read one at a time from an archive; holds at most one decompression buffer and one line.
 * Close it when done (it deletes its staged part).
 */
public final class RecordStream<T> implements Iterator<T>, AutoCloseable {

  /** Produces the next record or null at the end. */
  interface Source<T> {
    T next() throws IOException;
  }

  private final Source<T> source;
  private final AutoCloseable resource;
  private T next;
  private boolean done;

  RecordStream(Source<T> source, AutoCloseable resource) {
    this.source = source;
    this.resource = resource;
  }

  @Override
  public boolean hasNext() {
    if (next == null && !done) {
      try {
        next = source.next();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      done = next == null;
    }
    return next != null;
  }

  @Override
  public T next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    T result = next;
    next = null;
    return result;
  }

  /** As a sequential {@link Stream}; closing it closes this. */
  public Stream<T> stream() {
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL),
            false)
        .onClose(this::close);
  }

  @Override
  public void close() {
    try {
      resource.close();
    } catch (Exception e) {
      throw new IllegalStateException("closing an archive stream failed", e);
    }
  }
}
