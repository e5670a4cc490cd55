package dev.trovekeeper.storage;

import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * Health group {@code object-store} ({@code /q/health/group/object-store}): the configured store is
 * reachable and its bucket exists. Not readiness: the tenant API is served without it, and an
 * object store that hangs must not take every replica out of the load balancer.
 */
@HealthGroup("object-store")
@ApplicationScoped
public class ObjectStoreHealthCheck implements HealthCheck {

  private final ObjectStore store;

  public ObjectStoreHealthCheck(ObjectStore store) {
    this.store = store;
  }

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response =
        HealthCheckResponse.named("object-store")
            .withData("kind", store.kind())
            .withData("location", store.location());
    try {
      store.checkReachable();
      return response.up().build();
    } catch (StorageException e) {
      return response
          .down()
          .withData("transient", e.isTransient())
          .withData("error", e.getMessage())
          .build();
    } catch (RuntimeException e) {
      return response.down().withData("error", String.valueOf(e)).build();
    }
  }
}
