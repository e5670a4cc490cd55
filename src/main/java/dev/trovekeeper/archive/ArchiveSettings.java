package dev.trovekeeper.archive;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The archive settings as plain values, so writers, readers and media stores can be built without
 * CDI (tests, the offline verifier).
 *
 * @param partSize compressed bytes after which a part is closed and uploaded (at least 1 KiB)
 * @param compression how parts are compressed
 * @param zstdLevel zstd level (1 to 19) when {@code compression} is ZSTD
 * @param tempDir where parts and media are staged before upload
 * @param uploadAttempts tries of an upload that fails transiently
 * @param mediaGcGrace how long an unreferenced media object stays marked DELETING before it goes
 * @param incompleteGrace how old the parts of an archive without manifest must be to be removed
 */
public record ArchiveSettings(
    long partSize,
    Compression compression,
    int zstdLevel,
    Path tempDir,
    int uploadAttempts,
    Duration mediaGcGrace,
    Duration incompleteGrace) {

  public ArchiveSettings {
    if (partSize < 1024) {
      throw new IllegalArgumentException("partSize must be at least 1024 bytes");
    }
    if (zstdLevel < 1 || zstdLevel > 19) {
      throw new IllegalArgumentException("zstdLevel must be 1 to 19");
    }
    if (uploadAttempts < 1) {
      throw new IllegalArgumentException("uploadAttempts must be at least 1");
    }
    Objects.requireNonNull(compression, "compression");
    Objects.requireNonNull(tempDir, "tempDir");
    Objects.requireNonNull(mediaGcGrace, "mediaGcGrace");
    Objects.requireNonNull(incompleteGrace, "incompleteGrace");
  }

  /** The defaults of {@link ArchiveConfig}. */
  public static ArchiveSettings defaults() {
    return new ArchiveSettings(
        64L * 1024 * 1024,
        Compression.ZSTD,
        1,
        Path.of(System.getProperty("java.io.tmpdir")),
        3,
        Duration.ofHours(48),
        Duration.ofHours(48));
  }

  /** From the typed configuration. */
  public static ArchiveSettings from(ArchiveConfig config) {
    return new ArchiveSettings(
        config.partSize(),
        config.compression(),
        config.zstdLevel(),
        config.tempDir().orElse(Path.of(System.getProperty("java.io.tmpdir"))),
        config.uploadAttempts(),
        config.mediaGcGrace(),
        config.incompleteGrace());
  }

  public ArchiveSettings withPartSize(long bytes) {
    return new ArchiveSettings(
        bytes, compression, zstdLevel, tempDir, uploadAttempts, mediaGcGrace, incompleteGrace);
  }

  public ArchiveSettings withCompression(Compression value, int level) {
    return new ArchiveSettings(
        partSize, value, level, tempDir, uploadAttempts, mediaGcGrace, incompleteGrace);
  }

  public ArchiveSettings withGraces(Duration mediaGc, Duration incomplete) {
    return new ArchiveSettings(
        partSize, compression, zstdLevel, tempDir, uploadAttempts, mediaGc, incomplete);
  }

  public ArchiveSettings withTempDir(Path dir) {
    return new ArchiveSettings(
        partSize, compression, zstdLevel, dir, uploadAttempts, mediaGcGrace, incompleteGrace);
  }
}
