package dev.trovekeeper.dataset;

import dev.trovekeeper.api.ErrorCode;
import dev.trovekeeper.api.KeeperException;
import dev.trovekeeper.auth.ProjectIds;
import dev.trovekeeper.inventory.Target;
import dev.trovekeeper.inventory.TargetKind;
import dev.trovekeeper.inventory.TargetRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Applies a verified tenant-status call. {@code inactive} suspends every dataset of the project (or
 * the one named) with reason {@code TENANT_INACTIVE}, actor {@code webhook}; a repeat changes
 * nothing. {@code active} resumes nothing: a suspended dataset is resumed by an API call of the
 * tenant (issue 9), after checking its source, so the platform cannot restart backups the tenant
 * did not ask for.
 */
@ApplicationScoped
public class TenantStatusService {

  static final String INACTIVE = "inactive";
  static final String ACTIVE = "active";

  private static final Pattern UUID_FORM =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private final TargetRepository targets;
  private final DatasetRepository datasets;
  private final DatasetSuspension suspension;
  private final ProjectIds projectIds;

  TenantStatusService(
      TargetRepository targets,
      DatasetRepository datasets,
      DatasetSuspension suspension,
      ProjectIds projectIds) {
    this.targets = targets;
    this.datasets = datasets;
    this.suspension = suspension;
    this.projectIds = projectIds;
  }

  /** Validates and applies a call whose signature was verified; all of it or nothing. */
  @Transactional
  public TenantStatusResponse apply(TenantStatusRequest request) {
    String projectId = projectIds.require("projectId", request.projectId());
    String status = request.status();
    if (!INACTIVE.equals(status) && !ACTIVE.equals(status)) {
      throw KeeperException.invalid("status", "must be one of inactive, active");
    }
    if (request.timestamp() != null) {
      try {
        Instant.parse(request.timestamp());
      } catch (DateTimeParseException e) {
        throw KeeperException.invalid(
            "timestamp", "must be an ISO-8601 instant such as \"2030-01-31T00:00:00Z\"");
      }
    }
    List<Target> named = datasetsOf(projectId, request.datasetId());
    if (ACTIVE.equals(status)) {
      return new TenantStatusResponse(
          projectId,
          status,
          named.size(),
          0,
          "nothing resumed: the tenant resumes each dataset with POST /v1/datasets/{id}/resume");
    }
    int suspended = 0;
    for (Target target : named) {
      if (suspension.suspend(
          target.id, "TENANT_INACTIVE", "the tenant's platform reported it inactive", "webhook")) {
        suspended++;
      }
    }
    return new TenantStatusResponse(
        projectId, status, named.size(), suspended, "backups suspended; nothing was deleted");
  }

  /** The live datasets the call names: 404 for a dataset id that is not one of the project's. */
  private List<Target> datasetsOf(String projectId, String datasetId) {
    List<Target> all =
        targets.listByProject(TargetKind.DATASET, projectId).stream()
            .filter(t -> !t.isGone() && datasets.findById(t.id) != null)
            .toList();
    if (datasetId == null) {
      return all;
    }
    if (!UUID_FORM.matcher(datasetId).matches()) {
      throw KeeperException.invalid("datasetId", "must be a dataset id (a UUID)");
    }
    List<Target> one = all.stream().filter(t -> t.externalId.equals(datasetId)).toList();
    if (one.isEmpty()) {
      throw new KeeperException(ErrorCode.NOT_FOUND, "no such dataset in the project");
    }
    return one;
  }
}
