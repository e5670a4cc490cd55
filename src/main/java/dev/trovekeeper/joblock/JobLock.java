package dev.trovekeeper.joblock;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Lets one replica at a time run a periodic job (history pruning, the retention sweep). The lock is
 * a row per job name with an owner and an expiry, taken with one conditional UPDATE (free, ours, or
 * expired), so a replica that dies while holding it blocks the job for at most {@code ttl}. Each
 * call is its own short transaction; the job itself runs outside it.
 */
@ApplicationScoped
public class JobLock {

  private final EntityManager em;
  private final Clock clock;
  private final String owner =
      ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();

  JobLock(EntityManager em, Clock clock) {
    this.em = em;
    this.clock = clock;
  }

  /** This replica's identity as lock owner. */
  public String owner() {
    return owner;
  }

  /**
   * Runs {@code job} if this replica gets the lock {@code name} (held at most {@code ttl}, which
   * must be longer than the job takes), then releases it.
   *
   * @return the job's result, or empty when another replica holds the lock
   */
  public <T> Optional<T> runExclusively(String name, Duration ttl, Supplier<T> job) {
    if (!tryAcquire(name, owner, ttl)) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(job.get());
    } finally {
      release(name, owner);
    }
  }

  /** Takes (or renews) the lock for {@code holder} until now + {@code ttl}; true when it did. */
  public boolean tryAcquire(String name, String holder, Duration ttl) {
    Instant now = clock.instant();
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              em.createNativeQuery("INSERT IGNORE INTO job_locks (name) VALUES (?1)")
                  .setParameter(1, name)
                  .executeUpdate();
              return em.createNativeQuery(
                          "UPDATE job_locks SET owner = ?1, expires_at = ?2 WHERE name = ?3"
                              + " AND (owner IS NULL OR owner = ?1 OR expires_at <= ?4)")
                      .setParameter(1, holder)
                      .setParameter(2, utc(now.plus(ttl)))
                      .setParameter(3, name)
                      .setParameter(4, utc(now))
                      .executeUpdate()
                  == 1;
            });
  }

  /** Gives the lock back if {@code holder} still has it. */
  public void release(String name, String holder) {
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                em.createNativeQuery(
                        "UPDATE job_locks SET owner = NULL, expires_at = NULL"
                            + " WHERE name = ?1 AND owner = ?2")
                    .setParameter(1, name)
                    .setParameter(2, holder)
                    .executeUpdate());
  }

  private static LocalDateTime utc(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
