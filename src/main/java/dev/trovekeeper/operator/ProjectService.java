package dev.trovekeeper.operator;

import dev.trovekeeper.api.ErrorCode;
import dev.trovekeeper.api.KeeperException;
import dev.trovekeeper.audit.AuditService;
import dev.trovekeeper.auth.KeystoneProjects;
import dev.trovekeeper.auth.ProjectOwnerDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * An operator's settings of a project (tier, owner e-mail). Settings are kept only for projects
 * Keystone knows; a change is merged into what is stored and audited.
 */
@ApplicationScoped
public class ProjectService implements ProjectOwnerDirectory {

  private final ProjectRepository projects;
  private final TierService tiers;
  private final KeystoneProjects keystone;
  private final AuditService audit;
  private final Clock clock;

  ProjectService(
      ProjectRepository projects,
      TierService tiers,
      KeystoneProjects keystone,
      AuditService audit,
      Clock clock) {
    this.projects = projects;
    this.tiers = tiers;
    this.keystone = keystone;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * A project's settings (defaults when none are kept yet); 404 if Keystone has no such project.
   */
  @Transactional
  public AdminProjectResponse get(String projectId) {
    Project project = projects.findById(projectId);
    if (project == null) {
      requireInKeystone(projectId);
      return AdminProjectResponse.unset(projectId);
    }
    return tiers.view(project);
  }

  /**
   * Merges {@code request} into the project's settings: absent fields keep their value, {@code
   * null} clears. 404 for a project Keystone does not know, or an unknown tier.
   */
  @Transactional
  public AdminProjectResponse update(
      AdminActor actor, String projectId, AdminProjectRequest request) {
    Long tierId = request.tier() == null ? null : tiers.tier(request.tier()).id;
    Instant now = clock.instant();
    Project project = findOrCreate(projectId, now);
    AdminProjectResponse before = tiers.view(project);
    if (request.tierSent()) {
      project.tierId = tierId;
    }
    if (request.ownerEmailSent()) {
      project.ownerEmail = request.ownerEmail();
    }
    project.updatedAt = now;
    AdminProjectResponse after = tiers.view(project);
    audit.record(
        actor.userId(),
        actor.projectId(),
        "project.update",
        "project",
        projectId,
        projectId,
        before,
        after,
        actor.requestId());
    return after;
  }

  @Override
  @Transactional
  public Optional<String> ownerEmail(String projectId) {
    return Optional.ofNullable(projects.findById(projectId)).map(p -> p.ownerEmail);
  }

  /** The project's row, created only for a project Keystone knows (404 otherwise). */
  Project findOrCreate(String projectId, Instant now) {
    Project project = projects.findById(projectId);
    if (project != null) {
      return project;
    }
    requireInKeystone(projectId);
    return projects.findOrCreate(projectId, now);
  }

  private void requireInKeystone(String projectId) {
    if (!keystone.exists(projectId)) {
      throw new KeeperException(ErrorCode.NOT_FOUND, "Keystone has no project " + projectId);
    }
  }
}
