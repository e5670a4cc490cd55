package dev.trovekeeper.datarestore;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The writes of one restore attempt on up to {@code n} threads, so that a source whose round trip
 * is longer than the gap its rate limit allows between calls is still written at its limit (the
 * shared limiter paces every call; these threads hold no transaction). At most {@code n} writes are
 * in flight: {@link #submit} waits for a free one, so the comparison never runs far ahead. {@link
 * #await} waits for every write submitted (an entity's, before its children's start). The first
 * failure of a write (the source as a whole, not an object's refusal) stops the writes not yet
 * started and is thrown by the next {@link #submit} or {@link #await}. With {@code n} 1 every write
 * runs on the caller's thread. Closing lets the writes in flight finish (they are single calls).
 */
final class ParallelWrites implements AutoCloseable {

  /** One write. */
  interface Write {
    void run() throws InterruptedException;
  }

  private static final AtomicInteger THREADS = new AtomicInteger();

  private final int n;
  private final Semaphore slots;
  private final ExecutorService pool;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();

  ParallelWrites(int n) {
    this.n = Math.max(1, n);
    this.slots = new Semaphore(this.n);
    this.pool =
        this.n == 1
            ? null
            : Executors.newFixedThreadPool(
                this.n,
                r -> {
                  Thread t = new Thread(r, "restore-write-" + THREADS.incrementAndGet());
                  t.setDaemon(true);
                  return t;
                });
  }

  /** Runs {@code write} on a free thread, waiting for one. */
  void submit(Write write) throws InterruptedException {
    rethrow();
    if (pool == null) {
      write.run();
      return;
    }
    slots.acquire();
    try {
      pool.execute(
          () -> {
            try {
              if (failure.get() == null) {
                write.run();
              }
            } catch (Throwable t) {
              failure.compareAndSet(null, t);
            } finally {
              slots.release();
            }
          });
    } catch (RuntimeException e) {
      slots.release();
      throw e;
    }
  }

  /** Waits for every write submitted; throws the first failure. */
  void await() throws InterruptedException {
    slots.acquire(n);
    slots.release(n);
    rethrow();
  }

  private void rethrow() throws InterruptedException {
    Throwable t = failure.get();
    if (t == null) {
      return;
    }
    if (t instanceof InterruptedException e) {
      throw e;
    }
    if (t instanceof RuntimeException e) {
      throw e;
    }
    if (t instanceof Error e) {
      throw e;
    }
    throw new IllegalStateException(t);
  }

  @Override
  public void close() {
    if (pool == null) {
      return;
    }
    pool.shutdown();
    try {
      if (!pool.awaitTermination(2, TimeUnit.MINUTES)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
