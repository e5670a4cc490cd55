package dev.trovekeeper.archive;

import dev.trovekeeper.storage.ObjectStore;
import dev.trovekeeper.storage.ObjectStoreProducer;
import dev.trovekeeper.storage.StorageConfig;
import dev.trovekeeper.testing.S3ProxyServer;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Archives on a real S3 API (s3proxy in a child JVM), with an S3 part size small enough that big
 * archive parts go up as multipart uploads.
 */
class S3ArchiveTest extends ArchiveContractTest {

  private static S3ProxyServer server;
  private static ObjectStore store;

  @BeforeAll
  static void startS3() {
    server = S3ProxyServer.start();
    Map<String, String> properties = new HashMap<>(server.config());
    properties.put("keeper.storage.s3.part-size", String.valueOf(5 * 1024 * 1024));
    StorageConfig config =
        new SmallRyeConfigBuilder()
            .withMapping(StorageConfig.class)
            // Quarkus' duration syntax ("30s"), as the app reads it
            .withConverter(
                java.time.Duration.class,
                100,
                new io.quarkus.runtime.configuration.DurationConverter())
            .withSources(new PropertiesConfigSource(properties, "test", 500))
            .build()
            .getConfigMapping(StorageConfig.class);
    store = ObjectStoreProducer.create(config);
    store.checkReachable();
  }

  @AfterAll
  static void stopS3() {
    if (store != null) {
      store.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Override
  protected ObjectStore store() {
    return store;
  }
}
