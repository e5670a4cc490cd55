package dev.trovekeeper.retention;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The retention executor. */
@ConfigMapping(prefix = "keeper.retention")
public interface RetentionConfig {

  /** Apply retention right after each successful backup (the sweep catches up anyway). */
  @WithDefault("true")
  boolean afterEachBackup();
}
