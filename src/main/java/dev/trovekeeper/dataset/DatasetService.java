package dev.trovekeeper.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trovekeeper.api.ErrorCode;
import dev.trovekeeper.api.KeeperException;
import dev.trovekeeper.api.Problem.FieldError;
import dev.trovekeeper.audit.AuditService;
import dev.trovekeeper.auth.Caller;
import dev.trovekeeper.auth.DeletionConfirmationService;
import dev.trovekeeper.auth.DeletionRequested;
import dev.trovekeeper.auth.Role;
import dev.trovekeeper.inventory.InventoryService;
import dev.trovekeeper.inventory.Target;
import dev.trovekeeper.inventory.TargetKind;
import dev.trovekeeper.policy.PolicyService;
import dev.trovekeeper.policy.TenantPolicyService;
import dev.trovekeeper.source.InvalidSourceConfigException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tenant's dataset use cases: register, change, suspend, resume and ask to delete (member role,
 * audited). Every change is validated whole before anything is written, and runs in one
 * transaction: a refused request changes nothing.
 */
@ApplicationScoped
public class DatasetService {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final InventoryService inventory;
  private final DatasetRepository datasets;
  private final DatasetCredentials credentials;
  private final DatasetSuspension suspension;
  private final DatasetViews views;
  private final TenantPolicyService policies;
  private final DeletionConfirmationService deletions;
  private final AuditService audit;
  private final Clock clock;

  DatasetService(
      InventoryService inventory,
      DatasetRepository datasets,
      DatasetCredentials credentials,
      DatasetSuspension suspension,
      DatasetViews views,
      TenantPolicyService policies,
      DeletionConfirmationService deletions,
      AuditService audit,
      Clock clock) {
    this.inventory = inventory;
    this.datasets = datasets;
    this.credentials = credentials;
    this.suspension = suspension;
    this.views = views;
    this.policies = policies;
    this.deletions = deletions;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * The dataset target {@code datasetId} as the caller may see it; 404 when unknown or of another
   * project (the same answer).
   */
  @Transactional
  public Target target(Caller caller, String datasetId) {
    Target target = inventory.targetFor(caller, TargetKind.DATASET, datasetId);
    if (datasets.findById(target.id) == null) {
      // a DATASET target not registered through this API: as unknown
      throw new KeeperException(ErrorCode.NOT_FOUND, "no such dataset in the project");
    }
    return target;
  }

  /**
   * Registers a dataset in the caller's project (member role): a target of kind DATASET that gets
   * the project's policy and a schedule as a new instance does, its source configuration, its
   * credentials encrypted, and the policy override when one is given.
   */
  @Transactional
  public DatasetResponse register(Caller caller, DatasetRequest request, String requestId) {
    caller.require(Role.MEMBER);
    if (request == null) {
      throw new KeeperException(ErrorCode.MALFORMED_REQUEST, "a dataset body is required");
    }
    checked(request.source(), request.credentials());
    if (request.credentials() != null && !request.credentials().isNull()) {
      credentials.requireKey();
    }
    Target target = inventory.registerDataset(caller.projectId(), request.name());
    Dataset dataset = new Dataset();
    dataset.targetId = target.id;
    dataset.sourceKind = request.source().kind();
    dataset.sourceConfig = json(request.source().config());
    dataset.credentialsEnc = credentials.seal(request.credentials(), target.id);
    dataset.createdAt = clock.instant();
    dataset.updatedAt = dataset.createdAt;
    datasets.persist(dataset);
    if (request.policy() != null) {
      try {
        policies.setTargetOverride(caller, target, request.policy(), requestId);
      } catch (PolicyService.InvalidPolicyException e) {
        throw new PolicyService.InvalidPolicyException(
            e.errors().stream()
                .map(x -> new FieldError("policy." + x.field(), x.message()))
                .toList());
      }
    }
    record(caller, "dataset.register", target, null, summary(target, dataset), requestId);
    return views.of(List.of(target)).get(0);
  }

  /**
   * Registers the dataset unless one of that name is live in the caller's project (used by the demo
   * at every start). A present one keeps its id, policy and backups; its source and credentials are
   * replaced by the request's when the source differs (the demo's sources move to new ports at each
   * start, and a kept old address could never be backed up again). Answers the dataset when it was
   * registered or changed.
   */
  @Transactional
  public java.util.Optional<DatasetResponse> registerOrRefresh(
      Caller caller, DatasetRequest request) {
    java.util.Optional<Target> present =
        inventory.targets(caller.projectId()).stream()
            .filter(
                t -> t.kind == TargetKind.DATASET && !t.isGone() && t.name.equals(request.name()))
            .findFirst();
    if (present.isEmpty()) {
      return java.util.Optional.of(register(caller, request, null));
    }
    Dataset dataset = datasets.findById(present.get().id);
    boolean same =
        dataset.sourceKind == request.source().kind()
            && readJson(dataset.sourceConfig).equals(request.source().config());
    return same
        ? java.util.Optional.empty()
        : java.util.Optional.of(
            change(
                caller,
                present.get().externalId,
                new DatasetChange(null, request.source(), request.credentials()),
                null));
  }

  /**
   * Changes a dataset (member role): its name, its source (replaced whole) and its credentials
   * (replaced whole). The stored credentials are checked against a new source too, so a source
   * whose authentication needs other credentials is refused naming {@code credentials}.
   */
  @Transactional
  public DatasetResponse change(
      Caller caller, String datasetId, DatasetChange change, String requestId) {
    caller.require(Role.MEMBER);
    Target target = target(caller, datasetId);
    if (change == null) {
      throw new KeeperException(ErrorCode.MALFORMED_REQUEST, "a change body is required");
    }
    live(target);
    Dataset dataset = datasets.findById(target.id);
    Map<String, Object> before = summary(target, dataset);
    DatasetSource source =
        change.source() != null
            ? change.source()
            : new DatasetSource(dataset.sourceKind, readJson(dataset.sourceConfig));
    boolean newCredentials = change.credentials() != null && !change.credentials().isNull();
    if (change.source() != null || newCredentials) {
      JsonNode creds = newCredentials ? change.credentials() : stored(dataset);
      checked(source, creds);
    }
    if (newCredentials) {
      dataset.credentialsEnc = credentials.seal(change.credentials(), target.id);
    }
    if (change.name() != null) {
      target.name = change.name();
      target.updatedAt = clock.instant();
    }
    if (change.source() != null) {
      dataset.sourceKind = source.kind();
      dataset.sourceConfig = json(source.config());
    }
    dataset.updatedAt = clock.instant();
    record(caller, "dataset.change", target, before, summary(target, dataset), requestId);
    return views.of(List.of(target)).get(0);
  }

  /** Suspends the dataset (member role): its runs stop reading the source until resumed. */
  @Transactional
  public DatasetResponse suspend(Caller caller, String datasetId, String requestId) {
    caller.require(Role.MEMBER);
    Target target = target(caller, datasetId);
    live(target);
    if (suspension.suspend(
        target.id, "BY_TENANT", "suspended by " + caller.userId(), caller.userId())) {
      record(caller, "dataset.suspend", target, null, null, requestId);
    }
    return views.of(List.of(target)).get(0);
  }

  /** Resumes a suspended dataset (member role); resuming an active one changes nothing. */
  @Transactional
  public DatasetResponse resume(Caller caller, String datasetId, String requestId) {
    caller.require(Role.MEMBER);
    Target target = target(caller, datasetId);
    live(target);
    if (suspension.resume(target.id, caller.userId())) {
      record(caller, "dataset.resume", target, null, null, requestId);
    }
    return views.of(List.of(target)).get(0);
  }

  /**
   * Asks the project owner by mail to confirm deleting the dataset (member role); nothing is
   * deleted until the owner confirms (then {@link DatasetDeletion} marks it deleted).
   */
  @Transactional
  public DeletionRequested requestDeletion(Caller caller, String datasetId) {
    caller.require(Role.MEMBER);
    Target target = target(caller, datasetId);
    live(target);
    return deletions.requestDatasetDeletion(
        caller, target.projectId, target.externalId, target.name);
  }

  /** The stored credentials, to check them against a new source; 400 when unreadable. */
  private JsonNode stored(Dataset dataset) {
    try {
      return credentials.open(dataset).orElse(null);
    } catch (CredentialsUnreadableException e) {
      throw KeeperException.invalid(
          "credentials",
          "the stored credentials cannot be read with the configured keys: send them with the"
              + " new source");
    }
  }

  private static void live(Target target) {
    if (target.isGone()) {
      throw new KeeperException(ErrorCode.CONFLICT, "the dataset was deleted");
    }
  }

  private static void checked(DatasetSource source, JsonNode creds) {
    List<FieldError> errors = SourceConfigs.check(source, creds);
    if (!errors.isEmpty()) {
      throw new InvalidSourceConfigException(errors);
    }
  }

  private void record(
      Caller caller, String action, Target target, Object before, Object after, String requestId) {
    audit.record(
        caller.userId(),
        caller.projectId(),
        action,
        "dataset",
        target.externalId,
        target.projectId,
        before,
        after,
        requestId);
  }

  /** What the audit log keeps of a dataset: never its credentials, only whether it has some. */
  private static Map<String, Object> summary(Target target, Dataset dataset) {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("name", target.name);
    summary.put("sourceKind", dataset.sourceKind);
    summary.put("sourceConfig", readJson(dataset.sourceConfig));
    summary.put("credentialsSet", dataset.credentialsEnc != null);
    return summary;
  }

  private static String json(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode readJson(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new IllegalStateException("stored source configuration is not JSON", e);
    }
  }
}
