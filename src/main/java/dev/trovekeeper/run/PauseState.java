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
}
