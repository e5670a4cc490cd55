package dev.trovekeeper.dataset;

import dev.trovekeeper.events.EventService;
import dev.trovekeeper.events.EventTypes;
import dev.trovekeeper.inventory.Target;
import dev.trovekeeper.inventory.TargetRepository;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Suspends and resumes datasets. A suspended dataset keeps everything (backups, policy, schedule)
 * but its runs do not read the source: the executor ends them SKIPPED {@code DATASET_SUSPENDED}.
 * Suspending twice is harmless (one event); so is resuming an active dataset.
 */
@ApplicationScoped
public class DatasetSuspension {

  /** {@code targets.status} of a suspended dataset; an active one is {@code ACTIVE}. */
  public static final String STATUS_SUSPENDED = "SUSPENDED";

  public static final String STATUS_ACTIVE = "ACTIVE";

  private final DatasetRepository datasets;
  private final TargetRepository targets;
  private final EventService events;
  private final Clock clock;

  DatasetSuspension(
      DatasetRepository datasets, TargetRepository targets, EventService events, Clock clock) {
    this.datasets = datasets;
    this.targets = targets;
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
    Dataset dataset = datasets.findById(targetId);
    if (dataset == null || !dataset.active) {
      return false;
    }
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
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("datasetId", target.externalId);
    data.put("name", target.name);
    data.put("reasonCode", reasonCode);
    data.put("reason", reason);
    data.put("by", actor);
    events.record(
        EventTypes.DATASET_SUSPENDED, EventTypes.targetSubject(targetId), target.projectId, data);
    Log.warnf("Dataset %s suspended by %s: %s %s", target.externalId, actor, reasonCode, reason);
    return true;
  }

  /** Resumes a suspended dataset; true when it was suspended. */
  @Transactional
  public boolean resume(long targetId, String actor) {
    Dataset dataset = datasets.findById(targetId);
    if (dataset == null || dataset.active) {
      return false;
    }
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
