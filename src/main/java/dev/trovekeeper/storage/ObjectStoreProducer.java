package dev.trovekeeper.storage;

import dev.trovekeeper.trove.KeystoneSession;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/** Makes the configured {@link ObjectStore} adapter injectable. */
@ApplicationScoped
public class ObjectStoreProducer {

  private static final Logger LOG = Logger.getLogger(ObjectStoreProducer.class);

  @Produces
  @ApplicationScoped
  ObjectStore objectStore(StorageConfig config, Instance<KeystoneSession> keystone) {
    ObjectStore store = create(config, keystone::get);
    LOG.infof("object store: %s at %s", store.kind(), store.location());
    return store;
  }

  void close(@Disposes ObjectStore store) {
    store.close();
  }

  /**
   * Builds the adapter that {@code config} selects, without CDI (tests, tools); Swift with Keystone
   * auth needs {@link #create(StorageConfig, Supplier)}.
   */
  public static ObjectStore create(StorageConfig config) {
    return create(
        config,
        () -> {
          throw new IllegalArgumentException(
              "keeper.storage.swift.auth=keystone needs the service's Keystone session");
        });
  }

  /**
   * Builds the adapter that {@code config} selects.
   *
   * @param keystone the service's Keystone session, asked only for Swift with Keystone auth
   */
  public static ObjectStore create(StorageConfig config, Supplier<KeystoneSession> keystone) {
    return switch (config.kind()) {
      case FILESYSTEM -> new FilesystemObjectStore(config.filesystem().root());
      case S3 -> S3ObjectStore.fromConfig(config.s3());
      case SWIFT -> SwiftObjectStore.fromConfig(config.swift(), keystone);
    };
  }
}
