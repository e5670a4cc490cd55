package dev.trovekeeper.ratelimit;

import io.github.bucket4j.TimeMeter;
import java.time.Instant;

/**
 * Bucket4j's clock for the shared buckets: wall time (replicas share the buckets) in microseconds,
 * remembering per thread the time it last gave. Bucket4j reads it once the bucket's row is locked
 * and answers "sleep N ns from then"; sleeping until that instant instead of N ns from when the
 * answer came back keeps commit latency (an fsync) out of the spacing between requests.
 */
final class WallClock implements TimeMeter {

  private final ThreadLocal<long[]> last = ThreadLocal.withInitial(() -> new long[1]);

  @Override
  public long currentTimeNanos() {
    long now = now();
    last.get()[0] = now;
    return now;
  }

  @Override
  public boolean isWallClockBased() {
    return true;
  }

  /** The time this thread was last given. */
  long lastOnThisThread() {
    return last.get()[0];
  }

  static long now() {
    var now = Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }
}
