package dev.trovekeeper.schedule;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The schedule engine: how often due schedules are claimed and what counts as missed. */
@ConfigMapping(prefix = "keeper.schedule")
public interface ScheduleConfig {

  /** Run the engine on this replica. */
  @WithDefault("true")
  boolean enabled();

  /** Pause between two looks for due schedules when the last one found fewer than a batch. */
  @WithDefault("250ms")
  Duration pollInterval();

  /**
   * Threads on this replica that claim and fire due batches side by side (SKIP LOCKED keeps their
   * batches apart, as between replicas): one waits on the database while another works.
   */
  @WithDefault("2")
  int claimers();

  /** Due schedules claimed in one transaction. */
  @WithDefault("200")
  int batchSize();

  /** A slot later than this when claimed counts as missed (the missed-run policy decides). */
  @WithDefault("60s")
  Duration misfireThreshold();

  /**
   * A new target's first backup is taken this long after its policy is assigned (plus a stable
   * per-target jitter), instead of waiting for the policy's first slot, when that comes later.
   */
  @WithDefault("5m")
  Duration firstBackupDelay();

  /** Spread of the first backups of many new targets: up to this much is added to the delay. */
  @WithDefault("5m")
  Duration firstBackupJitter();
}
