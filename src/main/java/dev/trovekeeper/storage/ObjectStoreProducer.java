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
    if (store instanceof FilesystemObjectStore files) {
      removeAbandonedWrites(files);
    }
    return store;
  }

  /**
   * Deletes, in the background, the temporary files of writes that a killed process left in the
   * filesystem store: only files older than this start, so this process's own writes are never
   * touched.
   */
  private static void removeAbandonedWrites(FilesystemObjectStore files) {
    java.time.Instant started = java.time.Instant.now();
    Thread sweep =
        new Thread(
            () -> {
              try {
                int removed = files.removeAbandonedTemporaryFiles(started);
                if (removed > 0) {
                  LOG.infof(
                      "object store: removed %d temporary file(s) of writes that never finished",
                      removed);
                }
              } catch (RuntimeException e) {
                LOG.warnf("object store: abandoned temporary files not removed: %s", e.toString());
              }
            },
            "object-store-temp-sweep");
    sweep.setDaemon(true);
    sweep.start();
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
