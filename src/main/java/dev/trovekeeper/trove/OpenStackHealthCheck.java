package dev.trovekeeper.trove;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness: Keystone gives the service a token and Trove answers it. The answer is cached for a
 * few seconds so probes do not eat into Trove's per-tenant rate limit.
 */
@Readiness
@ApplicationScoped
public class OpenStackHealthCheck implements HealthCheck {

  private static final Duration CACHE = Duration.ofSeconds(15);

  private final TroveClient trove;
  private final Clock clock;
  private volatile HealthCheckResponse last;
  private volatile Instant lastAt = Instant.MIN;

  OpenStackHealthCheck(TroveClient trove, Clock clock) {
    this.trove = trove;
    this.clock = clock;
  }

  @Override
  public HealthCheckResponse call() {
    Instant now = clock.instant();
    if (last != null && lastAt.plus(CACHE).isAfter(now)) {
      return last;
    }
    HealthCheckResponse response;
    try {
      trove.ping();
      response = HealthCheckResponse.named("openstack").up().build();
    } catch (TroveException e) {
      response =
          HealthCheckResponse.named("openstack")
              .down()
              .withData("fault", e.fault().name())
              .withData("error", String.valueOf(e.getMessage()))
              .build();
    }
    last = response;
    lastAt = now;
    return response;
  }
}
