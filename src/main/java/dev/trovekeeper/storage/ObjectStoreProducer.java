package dev.trovekeeper.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import org.jboss.logging.Logger;

/** Makes the configured {@link ObjectStore} adapter injectable. */
@ApplicationScoped
public class ObjectStoreProducer {

  private static final Logger LOG = Logger.getLogger(ObjectStoreProducer.class);

  @Produces
  @ApplicationScoped
  ObjectStore objectStore(StorageConfig config) {
    ObjectStore store = create(config);
    LOG.infof("object store: %s at %s", store.kind(), store.location());
    return store;
  }

  void close(@Disposes ObjectStore store) {
    store.close();
  }

  /** Builds the adapter that {@code config} selects, without CDI (tests, tools). */
  public static ObjectStore create(StorageConfig config) {
    return switch (config.kind()) {
      case FILESYSTEM -> new FilesystemObjectStore(config.filesystem().root());
      case S3 -> S3ObjectStore.fromConfig(config.s3());
    };
  }
}
