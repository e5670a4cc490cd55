package dev.trovekeeper.dataset;

import dev.trovekeeper.inventory.DiscoverySource;
import dev.trovekeeper.inventory.Target;
import dev.trovekeeper.inventory.TargetKind;
import dev.trovekeeper.inventory.TargetRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Registers datasets straight in the database (a target of kind DATASET and its datasets row with
 * encrypted credentials), as the registration API does, for tests of the executor.
 */
@ApplicationScoped
public class DatasetRows {

  private final TargetRepository targets;
  private final DatasetRepository datasets;
  private final CredentialCipher cipher;

  DatasetRows(TargetRepository targets, DatasetRepository datasets, CredentialCipher cipher) {
    this.targets = targets;
    this.datasets = datasets;
    this.cipher = cipher;
  }

  /** A new active dataset of {@code projectId}; returns its target. */
  public Target register(
      String projectId, String name, SourceKind kind, String sourceConfig, String credentials) {
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
              targets.persist(target);
              targets.flush();
              Dataset dataset = new Dataset();
              dataset.targetId = target.id;
              dataset.sourceKind = kind;
              dataset.sourceConfig = sourceConfig;
              dataset.credentialsEnc =
                  credentials == null
                      ? null
                      : cipher.encrypt(
                          credentials.getBytes(StandardCharsets.UTF_8),
                          DatasetCredentials.binding(target.id));
              dataset.createdAt = now;
              dataset.updatedAt = now;
              datasets.persist(dataset);
              return target;
            });
  }

  /** Whether the dataset is active (not suspended), as committed. */
  public boolean active(long targetId) {
    return QuarkusTransaction.requiringNew().call(() -> datasets.findById(targetId).active);
  }
}
