package dev.trovekeeper.operator;

import dev.trovekeeper.audit.AuditService;
import dev.trovekeeper.run.PauseState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;

/**
 * Pausing and resuming the whole fleet ({@code fleet_control}) or one project ({@code
 * projects.paused}). While paused no run starts ({@code run.Admission}) and, for a project, no
 * schedule fires ({@code schedule.ScheduleClaimer}: its slots pass without runs). Audited.
 */
@ApplicationScoped
public class PauseService {

  private final EntityManager em;
  private final PauseState pauseState;
  private final ProjectService settings;
  private final TierService tiers;
  private final AuditService audit;
  private final Clock clock;

  PauseService(
      EntityManager em,
      PauseState pauseState,
      ProjectService settings,
      TierService tiers,
      AuditService audit,
      Clock clock) {
    this.em = em;
    this.pauseState = pauseState;
    this.settings = settings;
    this.tiers = tiers;
    this.audit = audit;
    this.clock = clock;
  }

  @Transactional
  public PauseResponse fleet() {
    return PauseResponse.of(em.find(FleetControl.class, FleetControl.ID));
  }

  /** Pauses (true) or resumes (false) the fleet; who and when are kept while paused. */
  @Transactional
  public PauseResponse setFleetPaused(AdminActor actor, boolean paused) {
    FleetControl control =
        em.find(FleetControl.class, FleetControl.ID, LockModeType.PESSIMISTIC_WRITE);
    PauseResponse before = PauseResponse.of(control);
    if (control.paused != paused) {
      control.paused = paused;
      control.pausedBy = paused ? actor.userId() : null;
      control.pausedAt = paused ? clock.instant() : null;
    }
    PauseResponse after = PauseResponse.of(control);
    audit.record(
        actor.userId(),
        actor.projectId(),
        paused ? "fleet.pause" : "fleet.resume",
        "fleet",
        "fleet",
        null,
        before,
        after,
        actor.requestId());
    return after;
  }

  /** Pauses (true) or resumes (false) one project; 404 for a project Keystone does not know. */
  @Transactional
  public AdminProjectResponse setProjectPaused(AdminActor actor, String projectId, boolean paused) {
    Instant now = clock.instant();
    Project project = settings.findOrCreate(projectId, now);
    AdminProjectResponse before = tiers.view(project);
    if (project.paused != paused) {
      project.pausedBy = paused ? actor.userId() : null;
      project.pausedAt = paused ? now : null;
    }
    project.paused = paused;
    project.updatedAt = now;
    AdminProjectResponse after = tiers.view(project);
    audit.record(
        actor.userId(),
        actor.projectId(),
        paused ? "project.pause" : "project.resume",
        "project",
        projectId,
        projectId,
        before,
        after,
        actor.requestId());
    return after;
  }

  /** A project's pause as the console shows it. */
  public record ProjectPause(String projectId, boolean paused, String pausedBy, Instant pausedAt) {}

  /** The pause of each project named (not paused for a project without settings). */
  @Transactional
  public java.util.List<ProjectPause> projectPauses(java.util.Collection<String> projectIds) {
    return projectIds.stream()
        .sorted()
        .map(
            id -> {
              Project p = em.find(Project.class, id);
              return p == null
                  ? new ProjectPause(id, false, null, null)
                  : new ProjectPause(id, p.paused, p.pausedBy, p.pausedAt);
            })
        .toList();
  }

  /** Whether an operator paused the project (read where runs and schedules read it). */
  public boolean isProjectPaused(String projectId) {
    return pauseState.isProjectPaused(projectId);
  }
}
