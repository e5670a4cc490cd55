package dev.trovekeeper.run;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Reads whether an operator paused a project ({@code projects.paused}). Lives here, below {@code
 * schedule} and {@code operator}, so both the run admission and the schedule claimer read the one
 * decision without importing the operator API that sets it.
 */
@ApplicationScoped
public class PauseState {

  private final EntityManager em;

  PauseState(EntityManager em) {
    this.em = em;
  }

  /** Whether an operator paused the project; its runs wait and its slots pass until resumed. */
  @Transactional
  public boolean isProjectPaused(String projectId) {
    return !em.createNativeQuery("SELECT 1 FROM projects WHERE id = ?1 AND paused")
        .setParameter(1, projectId)
        .getResultList()
        .isEmpty();
  }

  /**
   * The projects among {@code projectIds} an operator paused, in one query (the schedule engine
   * asks once per claimed batch). A native query that names its table, so Hibernate flushes only
   * pending changes of that table first, not the whole session.
   */
  @Transactional
  @SuppressWarnings("unchecked")
  public java.util.Set<String> pausedProjects(java.util.Collection<String> projectIds) {
    if (projectIds.isEmpty()) {
      return java.util.Set.of();
    }
    return new java.util.HashSet<>(
        em.createNativeQuery("SELECT id FROM projects WHERE paused AND id IN (?1)")
            .unwrap(org.hibernate.query.NativeQuery.class)
            .addSynchronizedQuerySpace("projects")
            .setParameter(1, projectIds)
            .getResultList());
  }
}
