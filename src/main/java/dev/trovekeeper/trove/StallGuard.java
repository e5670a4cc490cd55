package dev.trovekeeper.trove;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A read timeout for a streamed answer: the JDK HTTP client's timeout ends when the headers arrive,
 * and a read from its body stream then waits for as long as the server sends nothing. The guard
 * interrupts the reading thread once one read has waited longer than {@code limit} (the body stream
 * then fails with an IOException); time the reader spends between reads (applying what it read)
 * does not count. One daemon timer serves every guarded stream.
 *
 * <p>Own code (no library offers a per-read timeout for {@code java.net.http} bodies): a counter of
 * when the current read began, checked four times per limit.
 */
final class StallGuard extends FilterInputStream {

  private static final ScheduledExecutorService TIMER =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "trove-stall-guard");
            t.setDaemon(true);
            return t;
          });

  private final Thread reader = Thread.currentThread();
  private final long limitNanos;
  private final ScheduledFuture<?> check;
  private volatile long readingSince;
  private volatile boolean stalled;

  /** Guards {@code in}, read by the calling thread, against any read waiting over {@code limit}. */
  StallGuard(InputStream in, Duration limit) {
    super(in);
    this.limitNanos = limit.toNanos();
    long period = Math.max(10, limit.toMillis() / 4);
    this.check = TIMER.scheduleAtFixedRate(this::check, period, period, TimeUnit.MILLISECONDS);
  }

  /** Whether a read waited longer than the limit (and was interrupted). */
  boolean stalled() {
    return stalled;
  }

  private void check() {
    long since = readingSince;
    if (since != 0 && System.nanoTime() - since > limitNanos && !stalled) {
      stalled = true;
      // The JDK 17 body stream swallows an interrupt and waits on, unless it is closed by then:
      // close it, then wake the reader, whose read now fails with "closed".
      try {
        in.close();
      } catch (IOException e) {
        // closing is all that was wanted
      }
      reader.interrupt();
    }
  }

  @Override
  public int read() throws IOException {
    readingSince = System.nanoTime();
    try {
      return super.read();
    } finally {
      readingSince = 0;
    }
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    readingSince = System.nanoTime();
    try {
      return super.read(b, off, len);
    } finally {
      readingSince = 0;
    }
  }

  @Override
  public void close() throws IOException {
    check.cancel(false);
    if (stalled) {
      Thread.interrupted(); // the interrupt was ours, for the read: not the caller's
    }
    super.close();
  }
}
