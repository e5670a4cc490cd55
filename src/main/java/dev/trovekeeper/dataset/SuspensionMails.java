package dev.trovekeeper.dataset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * The {@code suspension_mails} table: a mail queued in the suspending transaction, claimed by one
 * replica at a time (row lock, {@code SKIP LOCKED}) while it is sent.
 */
@ApplicationScoped
class SuspensionMails {

  /** A queued mail, as the sender needs it. */
  record Queued(long id, String projectId, String subject, String body, int attempts) {}

  private final EntityManager em;

  SuspensionMails(EntityManager em) {
    this.em = em;
  }

  @Transactional(Transactional.TxType.MANDATORY)
  void queue(long targetId, String projectId, String subject, String body, Instant now) {
    em.createNativeQuery(
            "INSERT INTO suspension_mails (target_id, project_id, subject, body, status,"
                + " next_attempt_at, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, 'PENDING',"
                + " ?5, ?5, ?5)")
        .setParameter(1, targetId)
        .setParameter(2, projectId)
        .setParameter(3, subject)
        .setParameter(4, body)
        .setParameter(5, utc(now))
        .executeUpdate();
  }

  /** The oldest due mail no other replica is sending, locked until the transaction ends. */
  @Transactional(Transactional.TxType.MANDATORY)
  @SuppressWarnings("unchecked")
  Optional<Queued> lockNextDue(Instant now) {
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT id, project_id, subject, body, attempts FROM suspension_mails"
                    + " WHERE status = 'PENDING' AND next_attempt_at <= ?1"
                    + " ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED")
            .setParameter(1, utc(now))
            .getResultList();
    return rows.stream()
        .findFirst()
        .map(
            r ->
                new Queued(
                    ((Number) r[0]).longValue(),
                    (String) r[1],
                    (String) r[2],
                    (String) r[3],
                    ((Number) r[4]).intValue()));
  }

  @Transactional(Transactional.TxType.MANDATORY)
  void sent(long id, String recipient, Instant now) {
    em.createNativeQuery(
            "UPDATE suspension_mails SET status = 'SENT', recipient = ?1, attempts = attempts + 1,"
                + " last_error = NULL, updated_at = ?2 WHERE id = ?3")
        .setParameter(1, recipient)
        .setParameter(2, utc(now))
        .setParameter(3, id)
        .executeUpdate();
  }

  /** Records a failed try: due again at {@code retryAt}, or FAILED for good when it is null. */
  @Transactional(Transactional.TxType.MANDATORY)
  void failed(long id, String error, Instant retryAt, Instant now) {
    em.createNativeQuery(
            "UPDATE suspension_mails SET status = ?1, attempts = attempts + 1,"
                + " last_error = LEFT(?2, 1000), next_attempt_at = ?3, updated_at = ?4"
                + " WHERE id = ?5")
        .setParameter(1, retryAt == null ? "FAILED" : "PENDING")
        .setParameter(2, error)
        .setParameter(3, utc(retryAt == null ? now : retryAt))
        .setParameter(4, utc(now))
        .setParameter(5, id)
        .executeUpdate();
  }

  /** Deletes up to {@code batch} mails sent or given up before {@code cutoff}. */
  @Transactional
  int pruneDoneBefore(Instant cutoff, int batch) {
    return em.createNativeQuery(
            "DELETE FROM suspension_mails WHERE status <> 'PENDING' AND updated_at < ?1"
                + " ORDER BY id LIMIT ?2")
        .setParameter(1, utc(cutoff))
        .setParameter(2, batch)
        .executeUpdate();
  }

  private static LocalDateTime utc(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
