package dev.trovekeeper.datarestore;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Restores of tenant data ({@code keeper.data-restore}). */
@ConfigMapping(prefix = "keeper.data-restore")
public interface DataRestoreConfig {

  /** Pause between two checks of the safety backup a restore waits for before it writes. */
  @WithDefault("1s")
  Duration safetyPoll();
}
