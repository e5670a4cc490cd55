package dev.trovekeeper.run;

import dev.trovekeeper.inventory.InventoryService;
import dev.trovekeeper.joblock.JobLock;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Queues restore drills as their policies say ({@code restoreDrillIntervalHours}): an instance
 * whose effective policy asks for drills, that has a COMPLETED backup, no drill going and none
 * started within the interval gets a drill run ({@link TroveRestoreExecutor}). One replica queues
 * at a time (job lock); the runs themselves are claimed by any replica, after restores and manual
 * runs.
 */
@ApplicationScoped
public class RestoreDrills {

  /** Instances due for a drill, at most this many per pass (the next pass takes the rest). */
  static final int BATCH = 200;

  private final RunRepository runs;
  private final InventoryService inventory;
  private final RestoreService restores;
  private final JobLock lock;
  private final RunConfig runConfig;
  private final java.time.Clock clock;

  RestoreDrills(
      RunRepository runs,
      InventoryService inventory,
      RestoreService restores,
      JobLock lock,
      RunConfig runConfig,
      java.time.Clock clock) {
    this.runs = runs;
    this.inventory = inventory;
    this.restores = restores;
    this.lock = lock;
    this.runConfig = runConfig;
    this.clock = clock;
  }

  @Scheduled(
      identity = "restore-drills",
      every = "${keeper.restore.drill-check-interval:1m}",
      delayed = "10s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void pass() {
    if (!runConfig.enabled()) {
      return;
    }
    try {
      lock.runExclusively(
              "restore-drills",
              Duration.ofMinutes(5),
              () -> QuarkusTransaction.requiringNew().call(this::queueDueNow))
          .filter(n -> n > 0)
          .ifPresent(n -> Log.infof("Queued %d restore drill(s)", n));
    } catch (RuntimeException e) {
      Log.warnf("Queueing restore drills failed, next pass soon: %s", e);
    }
  }

  /** Queues a drill for every instance that is due (up to {@link #BATCH}); returns how many. */
  @Transactional
  public int queueDue() {
    return queueDueNow();
  }

  private int queueDueNow() {
    int queued = 0;
    for (Long targetId : due()) {
      var target = inventory.find(targetId).orElse(null);
      if (target != null && restores.queueDrill(target).isPresent()) {
        queued++;
      }
    }
    return queued;
  }

  @SuppressWarnings("unchecked")
  private List<Long> due() {
    LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    List<Number> ids =
        runs.getEntityManager()
            .createNativeQuery(
                """
                SELECT t.id FROM targets t JOIN effective_policies e ON e.target_id = t.id
                WHERE t.kind = 'TROVE_INSTANCE' AND t.deleted_at IS NULL
                  AND t.status NOT IN ('VANISHED', 'DELETED')
                  AND e.policy_id IS NOT NULL AND e.paused = FALSE
                  AND e.restore_drill_interval_hours > 0
                  AND EXISTS (SELECT 1 FROM artifacts a
                              WHERE a.target_id = t.id AND a.status = 'COMPLETED')
                  AND NOT EXISTS (SELECT 1 FROM runs r
                                  WHERE r.target_id = t.id AND r.operation = 'DRILL'
                                    AND (r.state IN ('PENDING', 'REQUESTED', 'RUNNING')
                                         OR r.created_at > ?1 - INTERVAL
                                            e.restore_drill_interval_hours HOUR))
                ORDER BY t.id
                LIMIT ?2
                """)
            .setParameter(1, now)
            .setParameter(2, BATCH)
            .getResultList();
    return ids.stream().map(Number::longValue).toList();
  }
}
