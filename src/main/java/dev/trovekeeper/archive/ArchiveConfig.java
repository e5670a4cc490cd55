package dev.trovekeeper.archive;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Tenant-data archives ({@code keeper.archive.*}); each property can be set from the environment,
 * e.g. {@code KEEPER_ARCHIVE_PART_SIZE}. See docs/FORMAT.md.
 */
@ConfigMapping(prefix = "keeper.archive")
public interface ArchiveConfig {

  /**
   * Compressed bytes after which a part is closed and uploaded ({@code KEEPER_ARCHIVE_PART_SIZE});
   * each part is staged on local disk (not in memory) until it is uploaded.
   */
  @WithDefault("67108864")
  long partSize();

  /** {@code zstd} (default) or {@code gzip} ({@code KEEPER_ARCHIVE_COMPRESSION}). */
  @WithDefault("zstd")
  Compression compression();

  /** zstd compression level, 1 to 19 ({@code KEEPER_ARCHIVE_ZSTD_LEVEL}). */
  @WithDefault("1")
  int zstdLevel();

  /**
   * Directory where parts and downloaded media are staged before upload ({@code
   * KEEPER_ARCHIVE_TEMP_DIR}); default the JVM's temporary directory.
   */
  Optional<Path> tempDir();

  /** Tries of an upload that fails transiently ({@code KEEPER_ARCHIVE_UPLOAD_ATTEMPTS}). */
  @WithDefault("3")
  int uploadAttempts();

  /**
   * How long an unreferenced media object stays marked DELETING before it is deleted ({@code
   * KEEPER_ARCHIVE_MEDIA_GC_GRACE}); must be longer than the longest backup.
   */
  @WithDefault("48h")
  Duration mediaGcGrace();

  /**
   * Age after which the parts of an archive that never got its manifest (a crashed or failed
   * backup) are deleted ({@code KEEPER_ARCHIVE_INCOMPLETE_GRACE}); longer than the longest backup.
   */
  @WithDefault("48h")
  Duration incompleteGrace();
}
