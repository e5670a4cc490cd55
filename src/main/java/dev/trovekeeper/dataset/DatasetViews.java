package dev.trovekeeper.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trovekeeper.api.Cursor;
import dev.trovekeeper.api.ErrorCode;
import dev.trovekeeper.api.KeeperException;
import dev.trovekeeper.api.Page;
import dev.trovekeeper.auth.Caller;
import dev.trovekeeper.auth.Role;
import dev.trovekeeper.inventory.InventoryService;
import dev.trovekeeper.inventory.Target;
import dev.trovekeeper.inventory.TargetKind;
import dev.trovekeeper.policy.EffectivePolicy;
import dev.trovekeeper.policy.PolicyService;
import dev.trovekeeper.policy.ResolvedPolicy;
import dev.trovekeeper.protection.Protection;
import dev.trovekeeper.protection.ProtectionFacts;
import dev.trovekeeper.protection.ProtectionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a tenant reads of its datasets: one, or a page, each with its protection and effective
 * policy decided where instances' are ({@code protection}, {@code policy}).
 */
@ApplicationScoped
public class DatasetViews {

  /** The values of a dataset's {@code status}, and so of the list's {@code status} filter. */
  static final List<String> STATUSES =
      List.of(DatasetSuspension.STATUS_ACTIVE, DatasetSuspension.STATUS_SUSPENDED, "DELETED");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final InventoryService inventory;
  private final DatasetRepository datasets;
  private final ProtectionRepository protection;
  private final PolicyService policies;
  private final Clock clock;

  DatasetViews(
      InventoryService inventory,
      DatasetRepository datasets,
      ProtectionRepository protection,
      PolicyService policies,
      Clock clock) {
    this.inventory = inventory;
    this.datasets = datasets;
    this.protection = protection;
    this.policies = policies;
    this.clock = clock;
  }

  /** One dataset of the caller's project (reader role); 404 for another project's. */
  @Transactional
  public DatasetResponse show(Caller caller, String datasetId) {
    caller.require(Role.READER);
    return of(List.of(inventory.targetFor(caller, TargetKind.DATASET, datasetId))).stream()
        .findFirst()
        .orElseThrow(
            () -> new KeeperException(ErrorCode.NOT_FOUND, "no such dataset in the project"));
  }

  /**
   * A page of the caller's project's datasets (operators: every project's, or {@code project}'s),
   * oldest first, optionally with one status.
   */
  @Transactional
  public Page<DatasetResponse> list(
      Caller caller, String limit, String cursor, String status, String projectId) {
    caller.require(Role.READER);
    int size = Page.limit(limit);
    if (status != null && !STATUSES.contains(status)) {
      throw KeeperException.invalid("status", "must be one of " + STATUSES);
    }
    String scope = caller.isOperator() ? projectId : caller.projectId();
    Long after = position(scope, Cursor.decode(cursor));
    List<Target> fetched = inventory.targetPage(TargetKind.DATASET, scope, status, after, size);
    Page<Target> page = Page.of(fetched, size, t -> t.externalId);
    return new Page<>(of(page.items()), page.nextCursor());
  }

  /**
   * The responses of these dataset targets, in their order, with one query per kind of fact; a
   * target without a dataset row (not registered through this API) is left out.
   */
  @Transactional
  public List<DatasetResponse> of(List<Target> targets) {
    Instant now = clock.instant();
    List<Long> ids = targets.stream().map(t -> t.id).toList();
    Map<Long, ProtectionFacts> facts = new HashMap<>();
    protection.forTargets(ids).forEach(f -> facts.put(f.targetId(), f));
    Map<Long, ResolvedPolicy> resolved = policies.resolve(targets);
    Map<Long, Dataset> rows = new HashMap<>();
    if (!ids.isEmpty()) {
      datasets.list("targetId in ?1", ids).forEach(d -> rows.put(d.targetId, d));
    }
    return targets.stream()
        .filter(t -> rows.containsKey(t.id))
        .map(t -> response(t, rows.get(t.id), facts.get(t.id), resolved.get(t.id), now))
        .toList();
  }

  private static DatasetResponse response(
      Target t, Dataset d, ProtectionFacts f, ResolvedPolicy p, Instant now) {
    Protection state = f.protection(now);
    DatasetResponse.Suspension suspension =
        d.active || t.isGone()
            ? null
            : new DatasetResponse.Suspension(
                d.suspendedReasonCode, d.suspendedReason, d.suspendedBy, d.suspendedAt);
    return new DatasetResponse(
        t.externalId,
        t.projectId,
        t.name,
        new DatasetSource(d.sourceKind, config(d.sourceConfig)),
        d.credentialsEnc != null,
        t.status,
        suspension,
        state,
        state == Protection.FAILING ? f.lastFinishedReasonCode() : null,
        p == null ? null : EffectivePolicy.of(p),
        f.lastSuccessAt(),
        f.lastSuccessAt() == null ? null : Math.max(0, f.age(now).toSeconds()),
        f.nextBackupAt(now),
        f.completedBackups(),
        t.createdAt,
        d.updatedAt,
        t.deletedAt);
  }

  private static JsonNode config(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException("stored source configuration is not JSON", e);
    }
  }

  /**
   * The internal position of the dataset a cursor names, within the listed scope: a cursor naming
   * another project's dataset is a 400, never that project's next page.
   */
  private Long position(String scope, String datasetId) {
    if (datasetId == null) {
      return null;
    }
    return inventory
        .findTarget(TargetKind.DATASET, datasetId)
        .filter(t -> scope == null || scope.equals(t.projectId))
        .map(t -> t.id)
        .orElseThrow(Cursor::invalid);
  }
}
