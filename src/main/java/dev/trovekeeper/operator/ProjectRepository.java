package dev.trovekeeper.operator;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** Project settings rows, keyed by Keystone project id. */
@ApplicationScoped
public class ProjectRepository implements PanacheRepositoryBase<Project, String> {

  /** The project's row, created (not paused, no tier) if there is none yet. */
  public Project findOrCreate(String projectId, Instant now) {
    Project project = findById(projectId);
    if (project == null) {
      project = new Project();
      project.id = projectId;
      project.createdAt = now;
      project.updatedAt = now;
      persist(project);
    }
    return project;
  }

  public long countOnTier(long tierId) {
    return count("tierId", tierId);
  }
}
