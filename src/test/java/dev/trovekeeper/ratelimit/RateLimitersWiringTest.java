package dev.trovekeeper.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The limiter as the service wires it: the application's Agroal datasource and metrics. */
@QuarkusTest
class RateLimitersWiringTest {

  @Inject RateLimiters limiters;
  @Inject MeterRegistry registry;

  @Test
  void sharedLimitOnTheApplicationsDatasourceCountedInMetrics() throws Exception {
    var limiter =
        limiters.forSource("test:" + UUID.randomUUID(), new RateLimit(5, Duration.ofSeconds(1)));
    double before = registry.counter("trove_keeper_source_requests").count();

    var first = limiter.acquire();
    limiter.succeeded(first);
    var second = limiter.acquire();
    limiter.throttled(second, Optional.of(Duration.ofSeconds(1)));

    assertThat(limiter.stats().requests()).isEqualTo(2);
    assertThat(limiter.stats().throttled()).isEqualTo(1);
    // one token every 1 s / (5 * 0.97): the second request waited for the shared bucket
    assertThat(limiter.stats().waits()).isEqualTo(1);
    assertThat(limiter.stats().currentLimit()).isEqualTo(2);
    assertThat(registry.counter("trove_keeper_source_requests").count()).isEqualTo(before + 2);
    assertThat(registry.counter("trove_keeper_source_refusals", "status", "429").count())
        .isPositive();
  }
}
