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
  void filesystemRootFromTheEnvironment() {
    StorageConfig config = fromEnv(Map.of("KEEPER_STORAGE_FILESYSTEM_ROOT", "/var/lib/keeper"));

    assertThat(ObjectStoreProducer.create(config).location()).isEqualTo("/var/lib/keeper");
  }
}
