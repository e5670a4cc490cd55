package dev.trovekeeper.diff;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How diffs of tenant data are computed and stored ({@code keeper.diff.*}). */
@ConfigMapping(prefix = "keeper.diff")
public interface DiffConfig {

  /**
   * Record bytes one side of one entity holds in memory before it sorts them and writes them to a
   * temporary file (in {@code keeper.archive.temp-dir}); a diff holds one such buffer at a time.
   */
  @WithDefault("16777216")
  long sortChunkBytes();

  /** Changes written to the database per statement batch. */
  @WithDefault("500")
  int insertBatch();
}
