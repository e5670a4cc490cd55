package dev.trovekeeper.events;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Outbox rows: claiming unpublished ones for a relay pass, and cleaning up published ones. */
@ApplicationScoped
public class OutboxRepository implements PanacheRepository<OutboxEvent> {

  /**
   * Locks up to {@code limit} unpublished rows in id order, skipping rows another relay holds. Must
   * run in a transaction; the locks last until it ends.
   */
  @SuppressWarnings("unchecked")
  public List<OutboxEvent> claimUnpublished(int limit) {
    return getEntityManager()
        .createNativeQuery(
            "SELECT * FROM outbox_events WHERE published_at IS NULL"
                + " ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED",
            OutboxEvent.class)
        .setParameter("limit", limit)
        .getResultList();
  }

  /**
   * Subjects with an unpublished row older than {@code beforeId} that is not among {@code
   * claimedIds}: another relay holds it (or it failed), so newer events of that subject must wait.
   */
  @SuppressWarnings("unchecked")
  public Set<String> subjectsWaitingBefore(long beforeId, Collection<Long> claimedIds) {
    List<String> subjects =
        getEntityManager()
            .createNativeQuery(
                "SELECT DISTINCT subject FROM outbox_events WHERE published_at IS NULL"
                    + " AND id < :before AND id NOT IN (:claimed)")
            .setParameter("before", beforeId)
            .setParameter("claimed", claimedIds)
            .getResultList();
    return subjects.stream().collect(Collectors.toSet());
  }

  /** Rows not yet published (all replicas). */
  public long countPending() {
    return count("publishedAt is null");
  }

  /** Deletes published rows older than {@code cutoff}, at most {@code limit}, in its own tx. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public int deletePublishedBefore(Instant cutoff, int limit) {
    return getEntityManager()
        .createNativeQuery(
            "DELETE FROM outbox_events WHERE published_at < :cutoff ORDER BY id LIMIT :limit")
        .setParameter("cutoff", cutoff)
        .setParameter("limit", limit)
        .executeUpdate();
  }
}
