package dev.trovekeeper.ratelimit;

import dev.trovekeeper.ratelimit.SharedState.Row;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TokensInheritanceStrategy;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One caller's handle on a source's shared limit (e.g. one run). Every replica's handles on the
 * same key draw from one Bucket4j bucket in the database; its capacity is one token refilled every
 * {@code window / (limit * (1 - margin))}, so granted requests are spaced at least that far apart
 * and no window holds more than the limit. Report each request's outcome: a 429 or 503 pauses every
 * replica for its {@code Retry-After}, and a 429 lowers the shared limit (see {@link Adaptation}).
 * Blocking; call it outside a database transaction.
 */
public final class SourceRateLimiter {

  private final String key;
  private final MariaDbProxyManager buckets;
  private final SharedState shared;
  private final RateLimitTuning tuning;
  private final RateLimitMetrics metrics;
  private final RateLimitListener listener;
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong throttled = new AtomicLong();
  private final AtomicLong unavailable = new AtomicLong();
  private final AtomicLong waits = new AtomicLong();
  private final AtomicLong waitedNanos = new AtomicLong();
  private final AtomicInteger currentLimit = new AtomicInteger();
  // the shared row as last read; a stale copy only delays seeing a pause until the next read
  private volatile Row last;

  SourceRateLimiter(
      String key,
      Row initial,
      MariaDbProxyManager buckets,
      SharedState shared,
      RateLimitTuning tuning,
      RateLimitMetrics metrics,
      RateLimitListener listener) {
    this.key = key;
    this.buckets = buckets;
    this.shared = shared;
    this.tuning = tuning;
    this.metrics = metrics;
    this.listener = listener;
    remember(initial);
  }

  /** The shared bucket's key (the source's id). */
  public String key() {
    return key;
  }

  /**
   * Waits until the shared limit lets one more request go and no Retry-After pause is running.
   *
   * @return the permit to report the outcome with
   */
  public Permit acquire() throws InterruptedException {
    long waited = 0;
    var row = last;
    while (true) {
      long now = System.currentTimeMillis();
      if (row.pausedUntil() > now) {
        long pause = TimeUnit.MILLISECONDS.toNanos(row.pausedUntil() - now);
        BlockingStrategy.PARKING.park(pause);
        waited += pause;
        row = remember(shared.read(key));
        continue;
      }
      waited += consume(row);
      long grantedAt = System.currentTimeMillis();
      // the one read per request: a pause committed before it is seen here
      row = remember(shared.read(key));
      if (row.pausedUntil() > grantedAt) {
        // a 429 arrived meanwhile: this slot is given up, the request waits for the pause
        continue;
      }
      if (waited > 0) {
        waits.incrementAndGet();
        waitedNanos.addAndGet(waited);
        metrics.waited(waited);
      }
      requests.incrementAndGet();
      metrics.request();
      listener.granted(grantedAt);
      return new Permit(grantedAt, row.current(), row.ceiling());
    }
  }

  /** Takes one token from the shared bucket, sleeping until its slot; the nanoseconds slept. */
  private long consume(Row row) throws InterruptedException {
    var sleep = new AtomicLong();
    var clock = buckets.clock();
    buckets
        .builder()
        .withImplicitConfigurationReplacement(row.version(), TokensInheritanceStrategy.AS_IS)
        .build(key, () -> configuration(row))
        .asBlocking()
        .consume(
            1,
            nanos -> {
              // until the slot's instant, not nanos from now (see WallClock)
              long left = clock.lastOnThisThread() + nanos - WallClock.now();
              sleep.addAndGet(nanos);
              if (left > 0) {
                BlockingStrategy.PARKING.park(left);
              }
            });
    return sleep.get();
  }

  private Row remember(Row row) {
    last = row;
    currentLimit.set(row.current());
    return row;
  }

  /** The request was answered (not 429 or 503): counts towards raising a lowered limit. */
  public void succeeded(Permit permit) {
    if (permit.limit() < permit.ceiling()) {
      remember(shared.update(key, r -> Adaptation.succeeded(r, tuning)));
    }
  }

  /** The source answered 429: pause everyone for {@code retryAfter} and lower the limit. */
  public void throttled(Permit permit, Optional<Duration> retryAfter) {
    throttled.incrementAndGet();
    metrics.refusal(429);
    pause(permit, retryAfter, true);
  }

  /** The source answered 503: pause everyone for {@code retryAfter}; the limit stays. */
  public void unavailable(Permit permit, Optional<Duration> retryAfter) {
    unavailable.incrementAndGet();
    metrics.refusal(503);
    pause(permit, retryAfter, false);
  }

  /** This handle's counts so far. */
  public RateLimitStats stats() {
    return new RateLimitStats(
        requests.get(),
        throttled.get(),
        unavailable.get(),
        waits.get(),
        TimeUnit.NANOSECONDS.toMillis(waitedNanos.get()),
        currentLimit.get());
  }

  private void pause(Permit permit, Optional<Duration> retryAfter, boolean lower) {
    long received = System.currentTimeMillis();
    var pause = retryAfter.orElse(tuning.defaultPause());
    if (pause.compareTo(tuning.maxPause()) > 0) {
      pause = tuning.maxPause();
    }
    long until = received + pause.toMillis();
    var row =
        shared.update(
            key,
            r ->
                lower
                    ? Adaptation.throttled(r, permit.grantedAtMillis(), received, until, tuning)
                    : Adaptation.withPause(r, Math.max(r.pausedUntil(), until)));
    remember(row);
    listener.paused(received, System.currentTimeMillis(), row.pausedUntil());
  }

  private BucketConfiguration configuration(Row row) {
    double perWindow = row.current() * (1 - tuning.safetyMargin());
    long spacing = (long) Math.ceil(TimeUnit.MILLISECONDS.toNanos(row.windowMillis()) / perWindow);
    return BucketConfiguration.builder()
        .addLimit(
            Bandwidth.builder()
                .capacity(1)
                .refillGreedy(1, Duration.ofNanos(spacing))
                .initialTokens(1)
                .build())
        .build();
  }
}
