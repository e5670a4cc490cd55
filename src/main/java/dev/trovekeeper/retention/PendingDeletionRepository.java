package dev.trovekeeper.retention;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Deletes in flight, per artifact. */
@ApplicationScoped
public class PendingDeletionRepository implements PanacheRepositoryBase<PendingDeletion, Long> {

  List<PendingDeletion> forTarget(long targetId) {
    return list("targetId", targetId);
  }

  /** Targets with a DELETE that Trove accepted and has not confirmed yet. */
  List<Long> targetsAwaitingConfirmation() {
    return getEntityManager()
        .createQuery(
            "select distinct d.targetId from PendingDeletion d where d.requestedAt is not null",
            Long.class)
        .getResultList();
  }
}
