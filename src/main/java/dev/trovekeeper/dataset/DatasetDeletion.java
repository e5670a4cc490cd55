package dev.trovekeeper.dataset;

import dev.trovekeeper.auth.DatasetDeleter;
import dev.trovekeeper.inventory.InventoryService;
import dev.trovekeeper.inventory.Target;
import dev.trovekeeper.inventory.TargetKind;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.Optional;

/**
 * Deletes a dataset once its owner confirmed: its target is marked deleted (its schedule stops, a
 * queued run is skipped), its backups stay and age out under the retention rules for deleted
 * targets, as a deleted instance's do. The dataset row and its sealed credentials stay with the
 * target until retention is done with it.
 */
@ApplicationScoped
class DatasetDeletion implements DatasetDeleter {

  private final InventoryService inventory;
  private final DatasetRepository datasets;
  private final EntityManager em;

  DatasetDeletion(InventoryService inventory, DatasetRepository datasets, EntityManager em) {
    this.inventory = inventory;
    this.datasets = datasets;
    this.em = em;
  }

  @Override
  public Optional<Described> describe(String projectId, String datasetId) {
    return live(projectId, datasetId)
        .map(
            t ->
                new Described(
                    t.externalId,
                    t.name,
                    String.valueOf(datasets.findById(t.id).sourceKind),
                    em.createQuery(
                            "select count(a) from Artifact a where a.targetId = ?1"
                                + " and a.status = 'COMPLETED'",
                            Long.class)
                        .setParameter(1, t.id)
                        .getSingleResult()));
  }

  @Override
  public void delete(String projectId, String datasetId, String requester) {
    Target target = live(projectId, datasetId).orElseThrow();
    inventory.markDeletedByTenant(target, "deleted by its tenant (asked by " + requester + ")");
    Log.infof("Dataset %s of project %s deleted", datasetId, projectId);
  }

  private Optional<Target> live(String projectId, String datasetId) {
    return inventory
        .findTarget(TargetKind.DATASET, datasetId)
        .filter(t -> t.projectId.equals(projectId) && !t.isGone())
        .filter(t -> datasets.findById(t.id) != null);
  }
}
