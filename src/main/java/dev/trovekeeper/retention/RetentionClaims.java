package dev.trovekeeper.retention;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * One pass of retention per target at a time, across replicas: a lease row per target taken with a
 * conditional UPDATE in its own short transaction. The lease is not a held transaction, so Trove
 * calls happen outside any lock; a replica that dies leaves a lease that expires.
 */
@ApplicationScoped
public class RetentionClaims {

  private static final String REPLICA = ManagementFactory.getRuntimeMXBean().getName();

  private final EntityManager em;
  private final RetentionConfig config;
  private final Clock clock;

  RetentionClaims(EntityManager em, RetentionConfig config, Clock clock) {
    this.em = em;
    this.config = config;
    this.clock = clock;
  }

  /** A holder name unique to one pass (replica name plus a random part). */
  String newHolder() {
    return REPLICA + "/" + UUID.randomUUID();
  }

  /**
   * Takes the target's lease for {@code holder}; false when another pass holds it, or claims it at
   * this very moment (InnoDB may answer two first claims of a target with a deadlock).
   */
  boolean tryClaim(long targetId, String holder) {
    try {
      return claim(targetId, holder);
    } catch (jakarta.persistence.PessimisticLockException e) {
      return false;
    }
  }

  private boolean claim(long targetId, String holder) {
    LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              em.createNativeQuery("INSERT IGNORE INTO retention_claims (target_id) VALUES (?1)")
                  .setParameter(1, targetId)
                  .executeUpdate();
              return em.createNativeQuery(
                          "UPDATE retention_claims SET claimed_by = ?1, claim_expires_at = ?2,"
                              // this pass covers whatever was asked for before it
                              + " rerun_requested = FALSE WHERE target_id = ?3"
                              + " AND (claimed_by IS NULL OR claim_expires_at <= ?4)")
                      .setParameter(1, holder)
                      .setParameter(2, now.plus(config.claimLease()))
                      .setParameter(3, targetId)
                      .setParameter(4, now)
                      .executeUpdate()
                  == 1;
            });
  }

  /**
   * Takes the target's lease, waiting up to {@code patience} for another pass to finish (passes
   * hold it only for a few Trove calls); false when it stays held.
   */
  boolean claimWithin(long targetId, String holder, java.time.Duration patience) {
    long deadline = System.nanoTime() + patience.toNanos();
    while (!tryClaim(targetId, holder)) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  /**
   * Asks whoever holds the target's lease to run one more pass before releasing it (see {@link
   * #keepForRerun}). A pass that found the target held calls this, then tries to claim once more:
   * if the holder released in between, the caller runs the pass itself.
   */
  void requestRerun(long targetId) {
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                em.createNativeQuery(
                        "UPDATE retention_claims SET rerun_requested = TRUE WHERE target_id = ?1")
                    .setParameter(1, targetId)
                    .executeUpdate());
  }

  /**
   * At the end of a pass: when another pass asked for a rerun meanwhile, clears the request and
   * keeps the lease (renewed) for {@code holder}, returning true; otherwise releases the lease and
   * returns false. Both under the row lock, so a request is either seen here or made after the
   * release (and then its caller claims the target itself): none is lost.
   */
  @SuppressWarnings("unchecked")
  boolean keepForRerun(long targetId, String holder) {
    LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              java.util.List<Object> requested =
                  em.createNativeQuery(
                          "SELECT rerun_requested FROM retention_claims"
                              + " WHERE target_id = ?1 AND claimed_by = ?2 FOR UPDATE")
                      .setParameter(1, targetId)
                      .setParameter(2, holder)
                      .getResultList();
              boolean rerun =
                  !requested.isEmpty()
                      && (Boolean.TRUE.equals(requested.get(0))
                          || (requested.get(0) instanceof Number n && n.intValue() != 0));
              if (rerun) {
                em.createNativeQuery(
                        "UPDATE retention_claims SET rerun_requested = FALSE, claim_expires_at = ?3"
                            + " WHERE target_id = ?1 AND claimed_by = ?2")
                    .setParameter(1, targetId)
                    .setParameter(2, holder)
                    .setParameter(3, now.plus(config.claimLease()))
                    .executeUpdate();
              } else {
                em.createNativeQuery(
                        "UPDATE retention_claims SET claimed_by = NULL, claim_expires_at = NULL"
                            + " WHERE target_id = ?1 AND claimed_by = ?2")
                    .setParameter(1, targetId)
                    .setParameter(2, holder)
                    .executeUpdate();
              }
              return rerun;
            });
  }

  /** Gives the lease back (only if {@code holder} still has it). */
  void release(long targetId, String holder) {
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                em.createNativeQuery(
                        "UPDATE retention_claims SET claimed_by = NULL, claim_expires_at = NULL"
                            + " WHERE target_id = ?1 AND claimed_by = ?2")
                    .setParameter(1, targetId)
                    .setParameter(2, holder)
                    .executeUpdate());
  }
}
