package dev.trovekeeper.inventory;

import dev.trovekeeper.trove.TroveClient;
import dev.trovekeeper.trove.TroveException;
import dev.trovekeeper.trove.TroveInstance;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.RollbackException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Supplier;

/**
 * Periodically lists every Trove instance (cluster members included) and reconciles the inventory
 * with it, in chunks of {@code keeper.inventory.reconcile-chunk-size} per transaction, read as the
 * answer streams in: Trove 18's admin listing answers the whole fleet at once.
 */
@ApplicationScoped
public class ReconcileJob {

  /** Attempts of a chunk or vanish page that collides with a concurrent change. */
  static final int ATTEMPTS = 6;

  private final TroveClient trove;
  private final InventoryService inventory;
  private final InventoryConfig config;
  private final Clock clock;

  /**
   * Runs a chunk or vanish page (one transaction) again when it collided with a concurrent change:
   * a deadlock (MariaDB 1213, the chunk chosen as its victim), a lock wait timeout or a duplicate
   * registration. Replicas that start together each register the whole fleet at once, so the other
   * transaction is often still open when the collision is reported: the next attempt waits first
   * (100 ms, doubling, with jitter; about 3 s over all attempts) instead of meeting the same open
   * transaction again at once.
   */
  private final Guard collisions =
      Guard.create()
          .withDescription("inventory reconcile chunk")
          .withRetry()
          .maxRetries(ATTEMPTS - 1)
          .delay(100, ChronoUnit.MILLIS)
          .jitter(50, ChronoUnit.MILLIS)
          .whenException(ReconcileJob::isCollision)
          .beforeRetry(
              e ->
                  Log.debugf(
                      "Reconcile collided with a concurrent change, running it again: %s", e))
          .withExponentialBackoff()
          .factor(2)
          .maxDelay(2, ChronoUnit.SECONDS)
          .done()
          .done()
          .build();

  ReconcileJob(TroveClient trove, InventoryService inventory, InventoryConfig config, Clock clock) {
    this.trove = trove;
    this.inventory = inventory;
    this.config = config;
    this.clock = clock;
  }

  @Scheduled(
      identity = "inventory-reconcile",
      every = "${keeper.inventory.reconcile-interval}",
      delayed = "${keeper.inventory.reconcile-delay}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void run() {
    try {
      reconcileNow();
    } catch (TroveException e) {
      Log.warnf("Reconcile with Trove skipped (%s): %s", e.fault(), e.getMessage());
    } catch (RuntimeException e) {
      Log.warnf("Reconcile with Trove failed, next pass in the next interval: %s", e.toString());
    }
  }

  /** One reconcile pass, now, in chunks of the configured size. */
  public ReconcileReport reconcileNow() {
    return reconcileNow(config.reconcileChunkSize());
  }

  /**
   * One reconcile pass in chunks of {@code chunkSize}: first the listing, applied chunk by chunk as
   * it is read, each chunk stamping its instances as listed by this pass; then the known targets
   * this pass did not stamp are marked vanished, page by page. Memory is bounded by the chunk, not
   * the fleet. A listing that fails partway marks nothing vanished. A chunk that collides with a
   * concurrent registration (a notification, or another replica's pass, inserting the same
   * instance; InnoDB may answer it with a deadlock) is rolled back and applied again after a pause;
   * chunks already applied stay.
   */
  ReconcileReport reconcileNow(int chunkSize) {
    // DATETIME(6) keeps microseconds: a pass start with nanoseconds would compare later than the
    // stamp it wrote, and every instance the pass listed would look unlisted (vanished).
    Instant passStartedAt = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    ReconcileReport[] report = {ReconcileReport.EMPTY};
    trove.listAllInstances(
        chunkSize, chunk -> report[0] = report[0].plus(applyChunk(chunk, passStartedAt)));
    ReconcileReport total = report[0];
    long afterId = 0;
    while (true) {
      long after = afterId;
      InventoryService.VanishPage page =
          retried(() -> inventory.markVanished(passStartedAt, after, chunkSize));
      total = total.plus(page.report());
      if (page.report().largestChunk() < chunkSize) {
        break;
      }
      afterId = page.lastId();
    }
    if (total.added() + total.updated() + total.vanished() > 0) {
      Log.infof(
          "Reconciled %d Trove instances in %d transactions: %d added, %d updated, %d vanished",
          total.listed(), total.transactions(), total.added(), total.updated(), total.vanished());
    }
    return total;
  }

  /**
   * One chunk of the listing of the pass started at {@code passStartedAt}, retried on collision.
   */
  ReconcileReport applyChunk(List<TroveInstance> chunk, Instant passStartedAt) {
    return retried(() -> inventory.reconcileChunk(chunk, passStartedAt));
  }

  @SuppressWarnings("unchecked")
  private <T> T retried(Supplier<T> work) {
    return (T) collisions.get(work::get, Object.class);
  }

  /**
   * A concurrent change: seen at a statement (a {@link PersistenceException}), or only at commit,
   * where the transaction interceptor wraps the checked {@link RollbackException} undeclared.
   */
  private static boolean isCollision(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof PersistenceException || t instanceof RollbackException) {
        return true;
      }
    }
    return false;
  }
}
