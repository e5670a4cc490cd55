package dev.trovekeeper.policy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.LocalTime;
import java.util.Optional;

/**
 * The operator's global default policy, written to the database at start-up when there is none yet
 * (afterwards it is changed through the admin API, and this configuration no longer applies).
 */
@ConfigMapping(prefix = "keeper.policy.global-default")
public interface PolicyConfig {

  /** Quartz-style cron (seconds first); when set it wins over the window. */
  Optional<String> cron();

  /** Time zone of the cron or window. */
  @WithDefault("UTC")
  String timeZone();

  /** Start of the daily window; each target fires at a stable jittered time inside it. */
  @WithDefault("01:00")
  LocalTime windowStart();

  /** Length of the daily window in minutes. */
  @WithDefault("240")
  int windowLengthMinutes();

  /** A full backup when the last full is older than this many days; 0: always full. */
  @WithDefault("7")
  int fullIntervalDays();

  /**
   * At most this many backups per incremental chain (the full included): the backup that would make
   * a chain longer is a new full. Unset: no cap.
   */
  Optional<Integer> maxChainLength();

  /** Keep the newest N backups. */
  @WithDefault("7")
  int keepLast();

  /** What to do with slots missed while the service was down: SKIP, RUN_ONCE, BACKFILL. */
  @WithDefault("RUN_ONCE")
  MissedRunPolicy missedRunPolicy();

  /** Alert (rpo.breached) when the newest backup is older than this many minutes. */
  @WithDefault("1560")
  int rpoTargetMinutes();
}
