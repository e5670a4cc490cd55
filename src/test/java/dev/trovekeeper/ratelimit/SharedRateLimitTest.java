package dev.trovekeeper.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trovekeeper.testing.Schemas;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mariadb.jdbc.MariaDbPoolDataSource;

/** The shared limit on a real MariaDB, seen by two limiter factories standing for two replicas. */
class SharedRateLimitTest {

  private static MariaDbPoolDataSource replicaA;
  private static MariaDbPoolDataSource replicaB;

  @BeforeAll
  static void database() throws Exception {
    replicaA = Schemas.migrated("ratelimit_test");
    var url = "jdbc:mariadb://" + replicaA.getUrl().split("//", 2)[1];
    replicaB = new MariaDbPoolDataSource(url);
  }

  @AfterAll
  static void close() {
    replicaA.close();
    replicaB.close();
  }

  private static RateLimiters replica(MariaDbPoolDataSource ds) {
    return replica(ds, RateLimitTuning.defaults());
  }

  private static RateLimiters replica(MariaDbPoolDataSource ds, RateLimitTuning tuning) {
    return new RateLimiters(ds, tuning, new SimpleMeterRegistry());
  }

  @Test
  void twoReplicasTogetherStayWithinTheLimitInEveryWindow() throws Exception {
    var limit = new RateLimit(20, Duration.ofSeconds(1));
    var grants = Collections.synchronizedList(new ArrayList<Long>());
    RateLimitListener record =
        new RateLimitListener() {
          @Override
          public void granted(long at) {
            grants.add(at);
          }
        };
    // grants are timed when the thread wakes; on this shared 2-core machine a wake-up can be late
    // by tens of ms, so the limiter keeps 10% (100 ms of each window) in hand here, not 3%
    var d = RateLimitTuning.defaults();
    var tuning =
        new RateLimitTuning(
            0.1, d.decreaseFactor(), d.increaseFraction(), d.defaultPause(), d.maxPause());
    var a = replica(replicaA, tuning).forSource("test:two-replicas", limit, record);
    var b = replica(replicaB, tuning).forSource("test:two-replicas", limit, record);
    var pool = Executors.newFixedThreadPool(8);
    long end = System.currentTimeMillis() + 4_000;
    for (int i = 0; i < 8; i++) {
      var limiter = i % 2 == 0 ? a : b;
      pool.submit(
          () -> {
            while (System.currentTimeMillis() < end) {
              limiter.succeeded(limiter.acquire());
            }
            return null;
          });
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

    var times = new ArrayList<>(grants);
    Collections.sort(times);
    assertThat(a.stats().requests()).isPositive();
    assertThat(b.stats().requests()).isPositive();
    assertThat(maxInAnyWindow(times, 1000)).isLessThanOrEqualTo(20);
    assertThat(maxPerCalendarSecond(times)).isLessThanOrEqualTo(20);
    // both replicas had to wait for the shared bucket (counted for run progress)
    assertThat(a.stats().waits() + b.stats().waits()).isPositive();
  }

  @Test
  void a429LowersTheSharedLimitOnceAndEveryReplicaWaitsItsRetryAfter() throws Exception {
    var limit = new RateLimit(40, Duration.ofSeconds(1));
    var pauses = Collections.synchronizedList(new ArrayList<long[]>());
    var grantsB = Collections.synchronizedList(new ArrayList<Long>());
    var a =
        replica(replicaA)
            .forSource(
                "test:adapt",
                limit,
                new RateLimitListener() {
                  @Override
                  public void paused(long received, long committed, long until) {
                    pauses.add(new long[] {received, committed, until});
                  }
                });
    var b =
        replica(replicaB)
            .forSource(
                "test:adapt",
                limit,
                new RateLimitListener() {
                  @Override
                  public void granted(long at) {
                    grantsB.add(at);
                  }
                });

    var first = a.acquire();
    var inFlight = b.acquire();
    a.throttled(first, Optional.of(Duration.ofSeconds(1)));
    // a 429 of a request sent before the decrease does not lower the limit a second time
    b.throttled(inFlight, Optional.of(Duration.ofSeconds(1)));
    assertThat(a.stats().currentLimit()).isEqualTo(20);
    assertThat(b.stats().currentLimit()).isEqualTo(20);

    long waitsBefore = b.stats().waits();
    var next = b.acquire();
    long[] pause = pauses.get(0);
    assertThat(pause[2]).isGreaterThanOrEqualTo(pause[0] + 1000);
    assertThat(next.grantedAtMillis()).isGreaterThanOrEqualTo(pause[2]);
    assertThat(next.limit()).isEqualTo(20);
    assertThat(b.stats().waits()).isEqualTo(waitsBefore + 1);
    assertThat(b.stats().throttled()).isEqualTo(1);

    // a run of successes as long as the current limit adds 5% of the configured one (2)
    b.succeeded(next);
    for (int i = 0; i < 19; i++) {
      b.succeeded(b.acquire());
    }
    assertThat(b.acquire().limit()).isEqualTo(22);
    // and never beyond the configured limit
    for (int i = 0; i < 400 && b.stats().currentLimit() < 40; i++) {
      b.succeeded(new Permit(System.currentTimeMillis(), b.stats().currentLimit(), 40));
    }
    assertThat(b.acquire().limit()).isEqualTo(40);
  }

  @Test
  void a503PausesWithoutLoweringTheLimit() throws Exception {
    var limiter =
        replica(replicaA).forSource("test:unavailable", new RateLimit(10, Duration.ofSeconds(1)));
    var p = limiter.acquire();
    long before = System.currentTimeMillis();
    limiter.unavailable(p, Optional.of(Duration.ofMillis(1500)));
    var next = limiter.acquire();
    assertThat(next.grantedAtMillis()).isGreaterThanOrEqualTo(before + 1500);
    assertThat(next.limit()).isEqualTo(10);
    assertThat(limiter.stats().unavailable()).isEqualTo(1);
  }

  static int maxInAnyWindow(List<Long> sorted, long windowMillis) {
    int max = 0;
    int from = 0;
    for (int to = 0; to < sorted.size(); to++) {
      while (sorted.get(to) - sorted.get(from) >= windowMillis) {
        from++;
      }
      max = Math.max(max, to - from + 1);
    }
    return max;
  }

  static int maxPerCalendarSecond(List<Long> sorted) {
    var counts = new java.util.HashMap<Long, Integer>();
    sorted.forEach(t -> counts.merge(t / 1000, 1, Integer::sum));
    return counts.values().stream().max(Integer::compare).orElse(0);
  }
}
