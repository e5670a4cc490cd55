package dev.trovekeeper.retention;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The retention executor. */
@ConfigMapping(prefix = "keeper.retention")
public interface RetentionConfig {

  /** Apply retention right after each successful backup (the sweep catches up anyway). */
  @WithDefault("true")
  boolean afterEachBackup();

  /** How often every target's retention is applied (default in application.properties). */
  java.time.Duration sweepInterval();

  /** Delay of the first sweep after start-up. */
  java.time.Duration sweepDelay();
}
