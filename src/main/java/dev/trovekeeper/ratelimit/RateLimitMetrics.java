package dev.trovekeeper.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.TimeUnit;

/**
 * Micrometer counters of every source limiter of this replica (no per-source tag: sources are
 * tenants' datasets, far too many series); a run's own counts are in {@link RateLimitStats}.
 */
final class RateLimitMetrics {

  private final Counter requests;
  private final Counter throttled;
  private final Counter unavailable;
  private final Counter waits;
  private final Counter waitSeconds;

  RateLimitMetrics(MeterRegistry registry) {
    requests =
        Counter.builder("trove_keeper_source_requests")
            .description("Requests sent to tenant-data sources")
            .register(registry);
    throttled =
        Counter.builder("trove_keeper_source_refusals")
            .tag("status", "429")
            .description("Refusals from tenant-data sources")
            .register(registry);
    unavailable =
        Counter.builder("trove_keeper_source_refusals")
            .tag("status", "503")
            .description("Refusals from tenant-data sources")
            .register(registry);
    waits =
        Counter.builder("trove_keeper_source_waits")
            .description("Requests that waited for the shared rate limit or a Retry-After")
            .register(registry);
    waitSeconds =
        Counter.builder("trove_keeper_source_wait_seconds")
            .description("Time requests waited for the shared rate limit or a Retry-After")
            .register(registry);
  }

  void request() {
    requests.increment();
  }

  void refusal(int status) {
    (status == 429 ? throttled : unavailable).increment();
  }

  void waited(long nanos) {
    waits.increment();
    waitSeconds.increment(nanos / (double) TimeUnit.SECONDS.toNanos(1));
  }
}
