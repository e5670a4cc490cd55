package dev.trovekeeper.dataset;

import dev.trovekeeper.events.EventService;
import dev.trovekeeper.events.EventTypes;
import dev.trovekeeper.inventory.Target;
import dev.trovekeeper.inventory.TargetRepository;
import dev.trovekeeper.run.RunService;
import dev.trovekeeper.schedule.ScheduleService;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Suspends and resumes datasets. A suspended dataset keeps everything (backups, policy, schedule)
 * but is not backed up: its schedule is stopped, its queued scheduled runs end SKIPPED {@code
 * DATASET_SUSPENDED}, a run already picked up is skipped by the executor, and the project's owner
 * is mailed (after commit). Resuming restarts the schedule from now, without catching up on the
 * slots that passed. Suspending twice is harmless (one event, one mail); so is resuming an active
 * dataset.
 */
@ApplicationScoped
public class DatasetSuspension {

  /** {@code targets.status} of a suspended dataset; an active one is {@code ACTIVE}. */
  public static final String STATUS_SUSPENDED = Target.STATUS_SUSPENDED;

  public static final String STATUS_ACTIVE = "ACTIVE";

  /** Reason code of the runs a suspension ends before they started. */
  public static final String SKIP_REASON = "DATASET_SUSPENDED";

  private final DatasetRepository datasets;
  private final TargetRepository targets;
  private final ScheduleService schedules;
  private final RunService runs;
  private final SuspensionMailer mailer;
  private final EventService events;
  private final Clock clock;

  DatasetSuspension(
      DatasetRepository datasets,
      TargetRepository targets,
      ScheduleService schedules,
      RunService runs,
      SuspensionMailer mailer,
      EventService events,
      Clock clock) {
    this.datasets = datasets;
    this.targets = targets;
    this.schedules = schedules;
    this.runs = runs;
    this.mailer = mailer;
    this.events = events;
    this.clock = clock;
  }

  /**
   * Suspends the dataset of target {@code targetId}; true when it was active.
   *
   * @param reasonCode e.g. {@code SOURCE_UNAUTHORIZED}, {@code TENANT_INACTIVE}, {@code BY_TENANT}
   * @param actor who suspended it (a user id, {@code source}, {@code webhook})
   */
  @Transactional
  public boolean suspend(long targetId, String reasonCode, String reason, String actor) {
    // Locked, so that concurrent suspensions (a webhook repeated, a source refusing two runs)
    // wait for each other and the later one finds it suspended: one event, one mail.
    Dataset dataset = datasets.findById(targetId, LockModeType.PESSIMISTIC_WRITE);
    if (dataset == null || !dataset.active) {
      return false;
    }
    // The schedule row first: the schedule engine locks it before the target (see
    // ScheduleService.suspend), so both take the locks in the same order.
    schedules.suspend(targetId);
    Target target = targets.findById(targetId);
    dataset.active = false;
    dataset.updatedAt = clock.instant();
    dataset.suspendedReasonCode = reasonCode;
    dataset.suspendedReason =
        reason == null || reason.length() <= 1000 ? reason : reason.substring(0, 1000);
    dataset.suspendedBy = actor;
    dataset.suspendedAt = dataset.updatedAt;
    target.status = STATUS_SUSPENDED;
    target.updatedAt = dataset.updatedAt;
    int skipped =
        runs.skipQueuedScheduled(targetId, SKIP_REASON, "dataset suspended: " + reasonCode);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("datasetId", target.externalId);
    data.put("name", target.name);
    data.put("reasonCode", reasonCode);
    data.put("reason", reason);
    data.put("by", actor);
    events.record(
        EventTypes.DATASET_SUSPENDED, EventTypes.targetSubject(targetId), target.projectId, data);
    mailer.queue(target, reasonCode, reason, actor);
    Log.warnf(
        "Dataset %s suspended by %s: %s %s (%d queued runs skipped)",
        target.externalId, actor, reasonCode, reason, skipped);
    return true;
  }

  /**
   * Resumes a suspended dataset; true when it was suspended. Its schedule continues from now: the
   * slots missed while suspended make no runs.
   */
  @Transactional
  public boolean resume(long targetId, String actor) {
    Dataset dataset = datasets.findById(targetId, LockModeType.PESSIMISTIC_WRITE);
    if (dataset == null || dataset.active) {
      return false;
    }
    schedules.resume(targetId); // schedule row first, as in suspend
    Target target = targets.findById(targetId);
    dataset.active = true;
    dataset.updatedAt = clock.instant();
    dataset.suspendedReasonCode = null;
    dataset.suspendedReason = null;
    dataset.suspendedBy = null;
    dataset.suspendedAt = null;
    target.status = STATUS_ACTIVE;
    target.updatedAt = dataset.updatedAt;
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("datasetId", target.externalId);
    data.put("name", target.name);
    data.put("by", actor);
    events.record(
        EventTypes.DATASET_RESUMED, EventTypes.targetSubject(targetId), target.projectId, data);
    return true;
  }
}
