package dev.trovekeeper.run;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Restores of Trove backups into new instances, and restore drills. */
@ConfigMapping(prefix = "keeper.restore")
public interface RestoreConfig {

  /**
   * A restored instance still not ACTIVE this long after the POST fails the run ({@code
   * RESTORE_TIMEOUT}; a drill deletes its instance).
   */
  @WithDefault("30m")
  Duration timeout();

  /** The ETA of a restore before any restore of the instance was measured. */
  @WithDefault("10m")
  Duration defaultEta();

  /** How often a replica looks for instances whose restore drill is due. */
  @WithDefault("1m")
  Duration drillCheckInterval();
}
