package dev.trovekeeper.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StorageConfigTest {

  private static StorageConfig fromEnv(Map<String, String> env) {
    return new SmallRyeConfigBuilder()
        .withMapping(StorageConfig.class)
        .withConverter(
            java.time.Duration.class, 100, new io.quarkus.runtime.configuration.DurationConverter())
        .withSources(new EnvConfigSource(env, 300))
        .build()
        .getConfigMapping(StorageConfig.class);
  }

  @Test
  void defaultsToTheFilesystemUnderData() {
    StorageConfig config = fromEnv(Map.of());

    assertThat(config.kind()).isEqualTo(StorageConfig.Kind.FILESYSTEM);
    assertThat(config.filesystem().root()).isEqualTo(Path.of("./data/objects"));
    assertThat(config.s3().endpoint()).isEmpty();
    assertThat(config.s3().region()).isEqualTo("us-east-1");
    assertThat(config.s3().bucket()).isEqualTo("trove-keeper");
    assertThat(config.s3().accessKeyId()).isEmpty();
    assertThat(config.s3().secretAccessKey()).isEmpty();
    assertThat(config.s3().pathStyle()).isTrue();
    assertThat(config.s3().createBucket()).isTrue();
    assertThat(config.s3().partSize()).isEqualTo(8 * 1024 * 1024);
    assertThat(config.s3().listPageSize()).isEqualTo(1000);
  }

  @Test
  void readsTheDocumentedEnvironmentVariables() {
    StorageConfig config =
        fromEnv(
            Map.of(
                "KEEPER_STORAGE_KIND", "s3",
                "KEEPER_STORAGE_S3_ENDPOINT", "http://rgw.example.org:8080",
                "KEEPER_STORAGE_S3_REGION", "default",
                "KEEPER_STORAGE_S3_BUCKET", "archives",
                "KEEPER_STORAGE_S3_ACCESS_KEY_ID", "AKID",
                "KEEPER_STORAGE_S3_SECRET_ACCESS_KEY", "s3cr3t",
                "KEEPER_STORAGE_S3_PATH_STYLE", "false",
                "KEEPER_STORAGE_S3_CREATE_BUCKET", "false"));

    assertThat(config.kind()).isEqualTo(StorageConfig.Kind.S3);
    assertThat(config.s3().endpoint()).contains(URI.create("http://rgw.example.org:8080"));
    assertThat(config.s3().region()).isEqualTo("default");
    assertThat(config.s3().bucket()).isEqualTo("archives");
    assertThat(config.s3().accessKeyId()).contains("AKID");
    assertThat(config.s3().secretAccessKey())
        .hasValueSatisfying(
            secret -> {
              assertThat(secret.reveal()).isEqualTo("s3cr3t");
              assertThat(secret.toString()).doesNotContain("s3cr3t");
            });
    assertThat(config.s3().pathStyle()).isFalse();
    assertThat(config.s3().createBucket()).isFalse();
  }

  @Test
  void swiftDefaultsToKeystoneAndReadsItsEnvironmentVariables() {
    StorageConfig defaults = fromEnv(Map.of());
    assertThat(defaults.swift().auth()).isEqualTo(StorageConfig.SwiftAuthKind.KEYSTONE);
    assertThat(defaults.swift().container()).isEqualTo("trove-keeper");
    assertThat(defaults.swift().segmentContainer()).isEmpty();
    assertThat(defaults.swift().segmentSize()).isEqualTo(100L * 1024 * 1024);
    assertThat(defaults.swift().listPageSize()).isEqualTo(1000);
    assertThat(defaults.swift().timeout()).isEqualTo(java.time.Duration.ofSeconds(30));

    StorageConfig config =
        fromEnv(
            Map.of(
                "KEEPER_STORAGE_KIND", "swift",
                "KEEPER_STORAGE_SWIFT_AUTH", "tempauth",
                "KEEPER_STORAGE_SWIFT_CONTAINER", "archives",
                "KEEPER_STORAGE_SWIFT_SEGMENT_CONTAINER", "archive-parts",
                "KEEPER_STORAGE_SWIFT_SEGMENT_SIZE", "1048576",
                "KEEPER_STORAGE_SWIFT_TIMEOUT", "5s",
                "KEEPER_STORAGE_SWIFT_TEMPAUTH_URL", "http://swift:8080/auth/v1.0",
                "KEEPER_STORAGE_SWIFT_TEMPAUTH_USER", "acct:user",
                "KEEPER_STORAGE_SWIFT_TEMPAUTH_KEY", "k3y"));

    assertThat(config.kind()).isEqualTo(StorageConfig.Kind.SWIFT);
    assertThat(config.swift().auth()).isEqualTo(StorageConfig.SwiftAuthKind.TEMPAUTH);
    assertThat(config.swift().container()).isEqualTo("archives");
    assertThat(config.swift().segmentContainer()).contains("archive-parts");
    assertThat(config.swift().segmentSize()).isEqualTo(1048576);
    assertThat(config.swift().timeout()).isEqualTo(java.time.Duration.ofSeconds(5));
    assertThat(config.swift().tempauth().url()).contains(URI.create("http://swift:8080/auth/v1.0"));
    assertThat(config.swift().tempauth().user()).contains("acct:user");
    assertThat(config.swift().tempauth().key().map(Object::toString)).contains("******");
    assertThat(ObjectStoreProducer.create(config).location()).isEqualTo("swift://archives");
  }

  @Test
  void swiftWithKeystoneNeedsTheServiceSession() {
    StorageConfig config = fromEnv(Map.of("KEEPER_STORAGE_KIND", "swift"));

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ObjectStoreProducer.create(config))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Keystone");
  }

  @Test
  void filesystemRootFromTheEnvironment() {
    StorageConfig config = fromEnv(Map.of("KEEPER_STORAGE_FILESYSTEM_ROOT", "/var/lib/keeper"));

    assertThat(ObjectStoreProducer.create(config).location()).isEqualTo("/var/lib/keeper");
  }
}
