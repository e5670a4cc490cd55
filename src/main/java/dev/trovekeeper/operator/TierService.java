package dev.trovekeeper.operator;

import dev.trovekeeper.api.ErrorCode;
import dev.trovekeeper.api.KeeperException;
import dev.trovekeeper.audit.AuditService;
import dev.trovekeeper.policy.PolicyLimitsConfig;
import dev.trovekeeper.policy.TierBounds;
import dev.trovekeeper.policy.TierBoundsSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Tiers (create, change, delete) and which tier a project is on; also the source of the bounds
 * tenant policies are checked against. Every change is audited.
 */
@ApplicationScoped
public class TierService implements TierBoundsSource {

  private final TierRepository tiers;
  private final ProjectRepository projects;
  private final AuditService audit;
  private final PolicyLimitsConfig limits;
  private final Clock clock;

  TierService(
      TierRepository tiers,
      ProjectRepository projects,
      AuditService audit,
      PolicyLimitsConfig limits,
      Clock clock) {
    this.tiers = tiers;
    this.projects = projects;
    this.audit = audit;
    this.limits = limits;
    this.clock = clock;
  }

  @Transactional
  public List<TierResponse> list() {
    return tiers.listAll().stream()
        .sorted((a, b) -> a.name.compareTo(b.name))
        .map(TierResponse::of)
        .toList();
  }

  /** The tier; 404 if there is none of that name. */
  @Transactional
  public TierResponse get(String name) {
    return TierResponse.of(tier(name));
  }

  /** Creates a tier; 409 if the name is taken. */
  @Transactional
  public TierResponse create(AdminActor actor, TierRequest request) {
    if (request.name() == null) {
      throw new KeeperException(ErrorCode.VALIDATION_FAILED, "name is required");
    }
    if (tiers.findByName(request.name()).isPresent()) {
      throw new KeeperException(ErrorCode.CONFLICT, "tier '" + request.name() + "' exists");
    }
    Tier tier = new Tier();
    tier.name = request.name();
    tier.createdAt = clock.instant();
    apply(request, tier);
    tiers.persist(tier);
    TierResponse after = TierResponse.of(tier);
    audit.record(
        actor.userId(),
        actor.projectId(),
        "tier.create",
        "tier",
        tier.name,
        null,
        null,
        after,
        actor.requestId());
    return after;
  }

  /** Replaces a tier's bounds (projects on it are bound by the new ones from now on). */
  @Transactional
  public TierResponse update(AdminActor actor, String name, TierRequest request) {
    if (request.name() != null && !request.name().equals(name)) {
      throw new KeeperException(
          ErrorCode.VALIDATION_FAILED, "name in the body must match the path (no renaming)");
    }
    Tier tier = tier(name);
    TierResponse before = TierResponse.of(tier);
    apply(request, tier);
    tiers.flush();
    TierResponse after = TierResponse.of(tier);
    audit.record(
        actor.userId(),
        actor.projectId(),
        "tier.update",
        "tier",
        name,
        null,
        before,
        after,
        actor.requestId());
    return after;
  }

  /** Deletes a tier no project is on; 409 otherwise. */
  @Transactional
  public void delete(AdminActor actor, String name) {
    Tier tier = tier(name);
    long onIt = projects.countOnTier(tier.id);
    if (onIt > 0) {
      throw new KeeperException(
          ErrorCode.CONFLICT, "tier '" + name + "' is assigned to " + onIt + " project(s)");
    }
    TierResponse before = TierResponse.of(tier);
    tiers.delete(tier);
    audit.record(
        actor.userId(),
        actor.projectId(),
        "tier.delete",
        "tier",
        name,
        null,
        before,
        null,
        actor.requestId());
  }

  @Override
  @Transactional
  public Optional<TierBounds> boundsFor(String projectId) {
    Project project = projects.findById(projectId);
    if (project == null || project.tierId == null) {
      return Optional.empty();
    }
    return tiers.findByIdOptional(project.tierId).map(t -> TierResponse.of(t).bounds());
  }

  AdminProjectResponse view(Project project) {
    String tierName =
        project.tierId == null
            ? null
            : tiers.findByIdOptional(project.tierId).map(t -> t.name).orElse(null);
    return AdminProjectResponse.of(project, tierName);
  }

  /** The tier of that name; 404 if there is none. */
  Tier tier(String name) {
    return tiers
        .findByName(name)
        .orElseThrow(() -> new KeeperException(ErrorCode.NOT_FOUND, "no tier '" + name + "'"));
  }

  private void apply(TierRequest request, Tier tier) {
    long fleetMinutes = (limits.minInterval().toSeconds() + 59) / 60;
    if (request.minIntervalMinutes() != null && request.minIntervalMinutes() < fleetMinutes) {
      // A tier may only tighten the fleet-wide minimum, never loosen it.
      throw KeeperException.invalid(
          "minIntervalMinutes", "must be at least the fleet-wide minimum of " + fleetMinutes);
    }
    tier.minIntervalMinutes = request.minIntervalMinutes();
    tier.description = request.description();
    tier.minKeepLast = request.minKeepLast();
    tier.minMaxAgeDays = request.minMaxAgeDays();
    tier.maxRunsPerDay = request.maxRunsPerDay();
    tier.windowEarliest = request.windowEarliest();
    tier.windowLatest = request.windowLatest();
    tier.updatedAt = clock.instant();
  }
}
