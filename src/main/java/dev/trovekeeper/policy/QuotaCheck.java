package dev.trovekeeper.policy;

import dev.trovekeeper.api.ErrorCode;
import dev.trovekeeper.api.KeeperException;
import dev.trovekeeper.api.Problem.FieldError;
import dev.trovekeeper.inventory.InventoryService;
import dev.trovekeeper.trove.ProjectLimits;
import dev.trovekeeper.trove.TroveClient;
import dev.trovekeeper.trove.TroveException;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Refuses a policy whose retention would keep more backups than the project's Trove backup quota
 * ({@code GET limits}, {@code max_backups}) allows for its instances (422 {@code
 * RETENTION_EXCEEDS_QUOTA} naming the fields and the figures). What a policy keeps is estimated by
 * {@link RetentionFeasibility}, incremental chains included. The global default is checked against
 * every project it applies to (projects with live instances and no default of their own).
 */
@ApplicationScoped
public class QuotaCheck {

  private final TroveClient trove;
  private final InventoryService inventory;
  private final PolicyRepository policies;
  private final Clock clock;

  QuotaCheck(
      TroveClient trove, InventoryService inventory, PolicyRepository policies, Clock clock) {
    this.trove = trove;
    this.inventory = inventory;
    this.policies = policies;
    this.clock = clock;
  }

  void check(String projectId, PolicySpec spec, long instances) {
    over(projectId, spec, instances).ifPresent(e -> refuse(List.of(e)));
  }

  /**
   * Checks the global default {@code spec} against the backup quota of every project that uses it;
   * call it after {@link PolicyValidator} accepted the spec, inside the transaction that stores it.
   *
   * @throws RetentionExceedsQuotaException listing each project over its quota
   */
  public void checkGlobal(PolicySpec spec) {
    List<FieldError> errors = new ArrayList<>();
    Map<String, Long> byProject = new TreeMap<>(inventory.countLiveInstancesByProject());
    byProject.forEach(
        (projectId, instances) -> {
          if (policies.findByScopeKey(PolicyRepository.projectKey(projectId)).isEmpty()) {
            over(projectId, spec, instances).ifPresent(errors::add);
          }
        });
    if (!errors.isEmpty()) {
      refuse(errors);
    }
  }

  private Optional<FieldError> over(String projectId, PolicySpec spec, long instances) {
    if (instances == 0) {
      return Optional.empty();
    }
    ProjectLimits limits;
    try {
      limits = trove.limits(projectId);
    } catch (TroveException e) {
      // The quota cannot be read now: accept; a run at the quota makes room or fails visibly.
      Log.warnf("Backup quota of project %s not checked: %s", projectId, e.getMessage());
      return Optional.empty();
    }
    RetentionFeasibility estimate = RetentionFeasibility.of(spec, clock.instant());
    long needed = estimate.perInstance() * instances;
    if (limits.maxBackups() == null || limits.maxBackups() <= 0 || needed <= limits.maxBackups()) {
      return Optional.empty();
    }
    String chainField = spec.maxChainLength() != null ? "maxChainLength" : "fullIntervalDays";
    String field = estimate.chainsDominate() ? chainField : "keepLast";
    return Optional.of(
        new FieldError(
            field,
            "project "
                + projectId
                + ": would keep up to "
                + estimate.perInstance()
                + " backups per instance ("
                + estimate.explain(spec)
                + "; plus one in flight) x "
                + instances
                + " instances = "
                + needed
                + ", over the project's Trove backup quota of "
                + limits.maxBackups()));
  }

  private static void refuse(List<FieldError> errors) {
    throw new RetentionExceedsQuotaException(errors);
  }

  /** Backups a policy keeps per instance at worst, plus one in flight. */
  static long retainedPerInstance(PolicySpec spec, Instant now) {
    return RetentionFeasibility.of(spec, now).perInstance();
  }

  /** Fires in the next 24 hours (at most 10,000 counted). */
  static long runsPerDay(PolicySpec spec, Instant now) {
    return RetentionFeasibility.runsPerDay(spec, now);
  }

  /** A policy would keep more backups than a project's quota allows; each project is listed. */
  public static class RetentionExceedsQuotaException extends KeeperException {

    private final List<FieldError> errors;

    RetentionExceedsQuotaException(List<FieldError> errors) {
      super(
          ErrorCode.RETENTION_EXCEEDS_QUOTA,
          String.join("; ", errors.stream().map(FieldError::message).toList()));
      this.errors = List.copyOf(errors);
    }

    @Override
    public List<FieldError> errors() {
      return errors;
    }
  }
}
