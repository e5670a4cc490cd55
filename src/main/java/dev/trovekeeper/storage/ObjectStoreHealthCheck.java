package dev.trovekeeper.storage;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Readiness check "object-store": the configured store is reachable (and its bucket exists). */
@Readiness
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
