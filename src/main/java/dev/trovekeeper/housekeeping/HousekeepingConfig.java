package dev.trovekeeper.housekeeping;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How long history is kept and how it is pruned; how often the object store is cleaned (media
 * garbage collection, archives without manifest). The grace periods of the latter are archive
 * settings ({@code keeper.archive.media-gc-grace}, {@code keeper.archive.incomplete-grace}).
 */
@ConfigMapping(prefix = "keeper.housekeeping")
public interface HousekeepingConfig {

  /** Prune history on this replica (one replica at a time prunes, whichever gets the lock). */
  @WithDefault("true")
  boolean enabled();

  /** Pause between two pruning passes. */
  @WithDefault("1h")
  Duration interval();

  /**
   * Finished runs are kept this long (the latest run of a target and runs a backup points at are
   * always kept).
   */
  @WithDefault("90d")
  Duration runsRetention();

  /** Ids of processed Trove notifications (duplicate detection) are kept this long. */
  @WithDefault("14d")
  Duration processedNotificationsRetention();

  /** Audit log entries are kept this long. */
  @WithDefault("400d")
  Duration auditRetention();

  /** Deletion confirmations are kept this long after they expire. */
  @WithDefault("30d")
  Duration deletionConfirmationsRetention();

  /** Rows deleted per statement, so a pass never holds long locks. */
  @WithDefault("1000")
  int batchSize();

  /**
   * Media garbage collection: marks media no backup references, deletes them once marked longer
   * than {@code keeper.archive.media-gc-grace}, and takes media objects left without a row into
   * that protocol.
   */
  MediaGc mediaGc();

  /**
   * Deletes the parts of archives without manifest (crashed or failed backups) once older than
   * {@code keeper.archive.incomplete-grace}, unless their dataset has a run still going.
   */
  IncompleteArchives incompleteArchives();

  /** Media garbage collection; one replica at a time runs a pass (job lock {@code media-gc}). */
  interface MediaGc {

    /** Run media garbage collection on this replica. */
    @WithDefault("true")
    boolean enabled();

    /** Pause between two passes. */
    @WithDefault("1h")
    Duration interval();

    /** Delay of the first pass after start-up. */
    @WithDefault("5m")
    Duration delay();
  }

  /**
   * Cleaning of archives without manifest; one replica at a time runs a pass (job lock {@code
   * incomplete-archives}). A pass lists every archive object, so it runs less often.
   */
  interface IncompleteArchives {

    /** Clean incomplete archives on this replica. */
    @WithDefault("true")
    boolean enabled();

    /** Pause between two passes. */
    @WithDefault("6h")
    Duration interval();

    /** Delay of the first pass after start-up. */
    @WithDefault("10m")
    Duration delay();
  }
}
