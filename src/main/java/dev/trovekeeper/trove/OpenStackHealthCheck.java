package dev.trovekeeper.trove;

import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * Health group {@code openstack} ({@code /q/health/group/openstack}): Keystone gives the service a
 * token and Trove answers it, as the {@link OpenStackProbe} last saw. Deliberately not readiness:
 * when Trove hangs, the tenant API must stay in the load balancer.
 */
@HealthGroup("openstack")
@ApplicationScoped
public class OpenStackHealthCheck implements HealthCheck {

  private final OpenStackProbe probe;
  private final TroveClient trove;

  OpenStackHealthCheck(OpenStackProbe probe, TroveClient trove) {
    this.probe = probe;
    this.trove = trove;
  }

  @Override
  public HealthCheckResponse call() {
    OpenStackProbe.Result result = probe.current();
    HealthCheckResponseBuilder response =
        HealthCheckResponse.named("openstack")
            .withData("checkedAt", String.valueOf(result.checkedAt()));
    // endpoints whose circuit breaker stops calls: Trove may answer the probe yet fail there
    trove.openCircuits().forEach((endpoint, state) -> response.withData(endpoint, state));
    if (result.up()) {
      return response.up().build();
    }
    return response
        .down()
        .withData("fault", result.fault())
        .withData("error", String.valueOf(result.error()))
        .build();
  }
}
