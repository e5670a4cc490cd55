package dev.trovekeeper.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArchiveConfigTest {

  private static ArchiveSettings fromEnv(Map<String, String> env) {
    return ArchiveSettings.from(
        new SmallRyeConfigBuilder()
            .withMapping(ArchiveConfig.class)
            .withConverter(Duration.class, 200, new DurationConverter())
            .withSources(new EnvConfigSource(env, 300))
            .build()
            .getConfigMapping(ArchiveConfig.class));
  }

  @Test
  void defaultsAreTheDocumentedOnes() {
    ArchiveSettings settings = fromEnv(Map.of());

    assertThat(settings.partSize()).isEqualTo(64L * 1024 * 1024);
    assertThat(settings.compression()).isEqualTo(Compression.ZSTD);
    assertThat(settings.zstdLevel()).isEqualTo(1);
    assertThat(settings.uploadAttempts()).isEqualTo(3);
    assertThat(settings.mediaGcGrace()).isEqualTo(Duration.ofHours(48));
    assertThat(settings.incompleteGrace()).isEqualTo(Duration.ofHours(48));
    assertThat(settings).isEqualTo(ArchiveSettings.defaults());
  }

  @Test
  void readsTheDocumentedEnvironmentVariables() {
    ArchiveSettings settings =
        fromEnv(
            Map.of(
                "KEEPER_ARCHIVE_PART_SIZE", "1048576",
                "KEEPER_ARCHIVE_COMPRESSION", "gzip",
                "KEEPER_ARCHIVE_ZSTD_LEVEL", "6",
                "KEEPER_ARCHIVE_TEMP_DIR", "/var/tmp/keeper",
                "KEEPER_ARCHIVE_UPLOAD_ATTEMPTS", "5",
                "KEEPER_ARCHIVE_MEDIA_GC_GRACE", "72h",
                "KEEPER_ARCHIVE_INCOMPLETE_GRACE", "1d"));

    assertThat(settings.partSize()).isEqualTo(1048576);
    assertThat(settings.compression()).isEqualTo(Compression.GZIP);
    assertThat(settings.zstdLevel()).isEqualTo(6);
    assertThat(settings.tempDir()).isEqualTo(Path.of("/var/tmp/keeper"));
    assertThat(settings.uploadAttempts()).isEqualTo(5);
    assertThat(settings.mediaGcGrace()).isEqualTo(Duration.ofHours(72));
    assertThat(settings.incompleteGrace()).isEqualTo(Duration.ofDays(1));
  }
}
