package dev.trovekeeper.retention;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The retention executor. */
@ConfigMapping(prefix = "keeper.retention")
public interface RetentionConfig {

  /** Apply retention right after each successful backup (the sweep catches up anyway). */
  @WithDefault("true")
  boolean afterEachBackup();

  /** How often every target's retention is applied (default in application.properties). */
  Duration sweepInterval();

  /** Delay of the first sweep after start-up. */
  Duration sweepDelay();

  /**
   * How often deletes that Trove accepted (202) are checked until Trove confirms them gone (404 or
   * no longer listed); only then is a backup marked DELETED and {@code backup.pruned} recorded.
   */
  @WithDefault("30s")
  Duration deletionCheckInterval();

  /** A backup Trove still lists this long after it accepted its DELETE is asked again. */
  @WithDefault("10m")
  Duration deleteConfirmTimeout();

  /**
   * A safety backup a restore of tenant data took first (origin BEFORE_RESTORE) is never pruned
   * while younger than this: as long as the restore's run and error log are kept (the default
   * matches {@code keeper.housekeeping.runs-retention}; keep it at least as long).
   */
  @WithDefault("90d")
  Duration beforeRestoreKeep();

  /** How long one replica's retention pass holds a target; a crashed replica's lease expires. */
  @WithDefault("5m")
  Duration claimLease();
}
