package dev.trovekeeper.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trovekeeper.testing.S3TestResource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The contract against a real S3 API (s3proxy in a child JVM), configured as the app would be. */
class S3ObjectStoreTest extends ObjectStoreContractTest {

  private static final S3TestResource S3 = new S3TestResource();
  private static Map<String, String> overrides;
  private static ObjectStore store;

  @BeforeAll
  static void startS3() {
    overrides = new HashMap<>(S3.start());
    // small pages so the listing test crosses page boundaries
    overrides.put("keeper.storage.s3.list-page-size", "100");
    store = ObjectStoreProducer.create(config(overrides));
  }

  @AfterAll
  static void stopS3() {
    if (store != null) {
      store.close();
    }
    S3.stop();
  }

  static StorageConfig config(Map<String, String> properties) {
    return new SmallRyeConfigBuilder()
        .withMapping(StorageConfig.class)
        // Quarkus' duration syntax ("30s"), as the app reads it
        .withConverter(
            java.time.Duration.class, 100, new io.quarkus.runtime.configuration.DurationConverter())
        .withSources(new PropertiesConfigSource(properties, "test", 500))
        .build()
        .getConfigMapping(StorageConfig.class);
  }

  @Override
  protected ObjectStore store() {
    return store;
  }

  @Override
  protected ObjectStore storeWithWrongCredentials() {
    Map<String, String> wrong = new HashMap<>(overrides);
    wrong.put("keeper.storage.s3.secret-access-key", wrongSecret());
    return ObjectStoreProducer.create(config(wrong));
  }

  @Override
  protected String wrongSecret() {
    return "not-the-secret";
  }

  @Test
  void isTheS3Adapter() {
    assertThat(store).isInstanceOf(S3ObjectStore.class);
    assertThat(store.location()).isEqualTo("s3://trove-keeper-test");
  }

  @Test
  void missingBucketIsAPermanentFailureWhenCreationIsOff() {
    Map<String, String> noCreate = new HashMap<>(overrides);
    noCreate.put("keeper.storage.s3.bucket", "no-such-bucket-here");
    noCreate.put("keeper.storage.s3.create-bucket", "false");
    try (ObjectStore other = ObjectStoreProducer.create(config(noCreate))) {
      assertThatThrownBy(other::checkReachable)
          .isInstanceOfSatisfying(
              StorageException.class, e -> assertThat(e.isTransient()).isFalse())
          .hasMessageContaining("no-such-bucket-here");
    }
  }

  @Test
  void wrongCredentialsArePermanentAndNameTheKey() {
    Map<String, String> wrong = new HashMap<>(overrides);
    wrong.put("keeper.storage.s3.secret-access-key", "not-the-secret");
    try (ObjectStore other = ObjectStoreProducer.create(config(wrong))) {
      assertThatThrownBy(
              () -> other.put(ObjectKey.of("k/1"), new ByteArrayInputStream(new byte[1]), 1, "a/b"))
          .isInstanceOfSatisfying(
              StorageException.class, e -> assertThat(e.isTransient()).isFalse())
          .hasMessageNotContaining("not-the-secret");
    }
  }

  @Test
  void unreachableEndpointIsTransient() {
    Map<String, String> down = new HashMap<>(overrides);
    down.put("keeper.storage.s3.endpoint", "http://127.0.0.1:1");
    try (ObjectStore other = ObjectStoreProducer.create(config(down))) {
      assertThatThrownBy(other::checkReachable)
          .isInstanceOfSatisfying(
              StorageException.class, e -> assertThat(e.isTransient()).isTrue());
    }
  }
}
