package dev.trovekeeper.events;

/**
 * The event types the product publishes (without the {@code dev.trovekeeper.} prefix the envelope
 * adds). Target events use {@link #targetSubject(long)} as subject so one target's events share a
 * Kafka key and stay ordered. Every event carries {@code projectId} in the envelope ({@code
 * projectid}); the {@code data} of each type is listed below.
 */
public final class EventTypes {

  /**
   * A policy now applies to a target. Data: {@code targetId}, {@code instanceId} (external id),
   * {@code projectId}, {@code policyId}, {@code scope} (TARGET, PROJECT or GLOBAL).
   */
  public static final String POLICY_ASSIGNED = "policy.assigned";

  /**
   * A backup completed. Data: {@code targetId}, {@code instanceId}, {@code projectId}, {@code
   * runId}, {@code backupId} (Trove backup or archive id), {@code backupType} (FULL or
   * INCREMENTAL), {@code sizeBytes} (may be absent), {@code recoveryPointAt}.
   */
  public static final String BACKUP_SUCCEEDED = "backup.succeeded";

  /**
   * A backup run failed for good (retries exhausted or a permanent error). Data: {@code targetId},
   * {@code instanceId}, {@code projectId}, {@code runId}, {@code backupId} (if Trove made one),
   * {@code reasonCode}, {@code reason}.
   */
  public static final String BACKUP_FAILED = "backup.failed";

  /**
   * A tenant cancelled a queued run before it started. Data: {@code targetId}, {@code runId},
   * {@code trigger}, {@code cancelledBy} (user id).
   */
  public static final String BACKUP_CANCELLED = "backup.cancelled";

  /**
   * Retention deleted a backup, once Trove confirmed it gone; one event per backup. Data: {@code
   * targetId}, {@code instanceId}, {@code projectId}, {@code backupId}, {@code reason} (the rule
   * that let it go, {@code OWNER_CONFIRMED} or {@code QUOTA_PRESSURE}), {@code deletedWith} (the
   * deleted ancestor it went with, absent for the backup the DELETE named).
   */
  public static final String BACKUP_PRUNED = "backup.pruned";

  /**
   * A target's newest completed backup is older than its effective RPO target (sent once per
   * breach). Data: {@code targetId}, {@code instanceId}, {@code projectId}, {@code kind}, {@code
   * rpoTargetMinutes}, {@code recoveryPointAt} (absent: never backed up), {@code ageSeconds}.
   */
  public static final String RPO_BREACHED = "rpo.breached";

  /**
   * The schedule engine could not fire a target's schedule and set it aside until its policy
   * changes (the other schedules fire). Data: {@code targetId}, {@code instanceId}, {@code
   * scheduleId}, {@code reason}.
   */
  public static final String SCHEDULE_QUARANTINED = "schedule.quarantined";

  /**
   * A restore of a backup into a new instance ended with the new instance ACTIVE. Data: {@code
   * targetId} (the source instance), {@code runId}, {@code drill} (false), {@code backupId} (Trove
   * backup id), {@code newInstanceId}, {@code rtoMillis} (the POST to ACTIVE).
   */
  public static final String RESTORE_SUCCEEDED = "restore.succeeded";

  /**
   * A restore or a restore drill failed for good. Data: {@code targetId}, {@code runId}, {@code
   * backupId}, {@code drill} (true for a drill), {@code newInstanceId} (if Trove made one), {@code
   * reasonCode}, {@code reason} (with the timings), {@code fault} (Trove's words, if any).
   */
  public static final String RESTORE_FAILED = "restore.failed";

  /**
   * A restore drill proved a backup restorable: the throwaway instance went ACTIVE and was deleted.
   * Data: {@code targetId}, {@code runId}, {@code drill} (true), {@code backupId}, {@code
   * newInstanceId}, {@code rtoMillis}, {@code provenRestorableAt}.
   */
  public static final String RESTORE_VERIFIED = "restore.verified";

  /**
   * A restore of tenant data ended with some objects refused by the source (in its error log).
   * Data: {@code targetId}, {@code runId}, {@code restoreId}, {@code kind} ({@code DATA}), {@code
   * backupId}, {@code safetyBackupId}, the counts ({@code updated}, {@code created}, {@code
   * deleted}, {@code unchanged}, {@code skipped}, {@code failed}). A restore of tenant data that
   * wrote every selected object sends {@link #RESTORE_SUCCEEDED} with the same data, one that
   * failed {@link #RESTORE_FAILED} with {@code reasonCode} and {@code reason}.
   */
  public static final String RESTORE_PARTIAL = "restore.partial";

  /**
   * A tenant cancelled a restore: a queued one (Trove or tenant data, or a drill) before it
   * started, or a restore of tenant data while it ran (what it wrote stays). Data as {@link
   * #BACKUP_CANCELLED}.
   */
  public static final String RESTORE_CANCELLED = "restore.cancelled";

  /** A diff of a dataset backup (against the live data or another backup) is complete. */
  public static final String DIFF_SUCCEEDED = "diff.succeeded";

  /** A diff ended without a result (reason in the data). */
  public static final String DIFF_FAILED = "diff.failed";

  /** A tenant cancelled a diff while it ran; its partial changes were deleted. */
  public static final String DIFF_CANCELLED = "diff.cancelled";

  private EventTypes() {}

  /**
   * The data field naming a target's public id: {@code datasetId} for a dataset (kind {@code
   * DATASET}), {@code instanceId} for a Trove instance.
   */
  public static String publicIdField(String targetKind) {
    return "DATASET".equals(targetKind) ? "datasetId" : "instanceId";
  }

  /** The subject of every event about one target: {@code targets/<id>}. */
  public static String targetSubject(long targetId) {
    return "targets/" + targetId;
  }

  /** A tenant-data migration into another tenant finished; data: counts per table. */
  public static final String MIGRATION_SUCCEEDED = "migration.succeeded";

  /** A tenant-data migration failed (data: reasonCode, reason) or was cancelled. */
  public static final String MIGRATION_FAILED = "migration.failed";

  public static final String MIGRATION_CANCELLED = "migration.cancelled";

  /**
   * A dataset was suspended: its source refused the stored credentials (401/403) or the tenant's
   * platform reported the tenant inactive. Its schedules are paused and nothing is deleted; data:
   * {@code reasonCode}, {@code reason}.
   */
  public static final String DATASET_SUSPENDED = "dataset.suspended";

  /** A suspended dataset was resumed; its schedules run again. */
  public static final String DATASET_RESUMED = "dataset.resumed";
}
