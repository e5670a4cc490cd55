package dev.trovekeeper.dataset;

import static io.restassured.RestAssured.given;

import dev.trovekeeper.inventory.DiscoverySource;
import dev.trovekeeper.inventory.Target;
import dev.trovekeeper.inventory.TargetKind;
import dev.trovekeeper.inventory.TargetRegistered;
import dev.trovekeeper.inventory.TargetRepository;
import dev.trovekeeper.policy.PolicyService;
import dev.trovekeeper.policy.PolicySpec;
import dev.trovekeeper.testing.KeystoneTokens;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Datasets written straight into the database, as the dataset API will register them: a target of
 * kind DATASET (external id a UUID) with its {@code datasets} row, optionally a policy override,
 * then the registration event that gives it its schedule.
 */
final class TestDatasets {

  private TestDatasets() {}

  static Target create(String projectId, String name, PolicySpec policyOrNull) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              Instant now = Instant.now();
              Target target = new Target();
              target.kind = TargetKind.DATASET;
              target.projectId = projectId;
              target.externalId = UUID.randomUUID().toString();
              target.name = name;
              target.status = DatasetSuspension.STATUS_ACTIVE;
              target.discoveredBy = DiscoverySource.API;
              target.createdAt = now;
              target.updatedAt = now;
              Arc.container().instance(TargetRepository.class).get().persist(target);
              Dataset dataset = new Dataset();
              dataset.targetId = target.id;
              dataset.sourceKind = SourceKind.REST;
              dataset.sourceConfig = "{}";
              dataset.createdAt = now;
              dataset.updatedAt = now;
              Arc.container().instance(DatasetRepository.class).get().persist(dataset);
              if (policyOrNull != null) {
                Arc.container()
                    .instance(PolicyService.class)
                    .get()
                    .setTargetOverride(target, policyOrNull);
              }
              Arc.container()
                  .beanManager()
                  .getEvent()
                  .select(TargetRegistered.class)
                  .fire(new TargetRegistered(target.id));
              return target;
            });
  }

  /** Records the project's owner address as an operator does. */
  static void setOwner(String projectId, String email) {
    given()
        .header("X-Auth-Token", KeystoneTokens.issue("ops", "ops-secret", "service"))
        .contentType("application/json")
        .body(Map.of("ownerEmail", email))
        .put("/v1/admin/projects/" + projectId)
        .then()
        .statusCode(200);
  }
}
