package dev.trovekeeper.dataset;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * A dataset's live source for other features (the diff of a backup against the live data): the same
 * readers, credentials and shared rate limit as the dataset's backups ({@link DatasetSources}).
 */
@ApplicationScoped
public class LiveSources {

  private final DatasetRepository datasets;
  private final DatasetSources sources;

  LiveSources(DatasetRepository datasets, DatasetSources sources) {
    this.datasets = datasets;
    this.sources = sources;
  }

  /**
   * Opens the source of the dataset target {@code targetId}; empty when the dataset is not
   * registered or is suspended (its source must not be read).
   *
   * @throws dev.trovekeeper.source.InvalidSourceConfigException when the stored configuration does
   *     not fit the source kind
   * @throws RuntimeException when the stored credentials cannot be decrypted
   */
  public Optional<OpenedSource> openActive(long targetId) {
    Dataset dataset =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  Dataset found = datasets.findById(targetId);
                  if (found != null) {
                    datasets.getEntityManager().detach(found);
                  }
                  return found;
                });
    if (dataset == null || !dataset.active) {
      return Optional.empty();
    }
    return Optional.of(sources.open(dataset));
  }
}
