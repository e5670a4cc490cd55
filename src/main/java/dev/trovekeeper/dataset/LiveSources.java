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

  /**
   * The source limits of the dataset target {@code targetId} (its stored configuration, no call to
   * the source); empty when the dataset is not registered.
   */
  public Optional<SourceLimits> limits(long targetId) {
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
    if (dataset == null) {
      return Optional.empty();
    }
    if (dataset.sourceKind == SourceKind.SQL) {
      return Optional.of(new SourceLimits(SourceKind.SQL, null, java.util.Map.of()));
    }
    try {
      var config =
          dev.trovekeeper.source.rest.RestSourceConfigReader.read(
              new com.fasterxml.jackson.databind.ObjectMapper().readTree(dataset.sourceConfig));
      java.util.Map<String, Integer> pages = new java.util.LinkedHashMap<>();
      config.entities().forEach(e -> pages.put(e.name(), e.paging().limit()));
      return Optional.of(new SourceLimits(SourceKind.REST, config.rateLimit(), pages));
    } catch (java.io.IOException e) {
      throw new dev.trovekeeper.source.SourceException(
          "the dataset's stored source is not JSON", false);
    }
  }
}
