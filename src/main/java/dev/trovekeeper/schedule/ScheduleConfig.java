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

  /** Due schedules claimed in one transaction. */
  @WithDefault("200")
  int batchSize();

  /** A slot later than this when claimed counts as missed (the missed-run policy decides). */
  @WithDefault("60s")
  Duration misfireThreshold();
}
