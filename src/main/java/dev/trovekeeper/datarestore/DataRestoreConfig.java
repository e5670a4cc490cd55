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

  /**
   * Writes of one restore in flight at once on a REST source (objects of one entity; parents are
   * written before children). The source's shared rate limit paces them all: more than one keeps
   * the limit filled when a call takes longer than the gap the limit allows between calls. SQL
   * sources write one row at a time.
   */
  @WithDefault("8")
  int writeConcurrency();
}
