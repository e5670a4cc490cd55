package dev.trovekeeper.inventory;

import dev.trovekeeper.trove.TroveClient;
import dev.trovekeeper.trove.TroveException;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.RollbackException;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Periodically lists every Trove instance (cluster members included) and reconciles the inventory
 * with it, in chunks of {@code keeper.inventory.reconcile-chunk-size} per transaction, read as the
 * answer streams in: Trove 18's admin listing answers the whole fleet at once.
 */
@ApplicationScoped
public class ReconcileJob {

  private static final int ATTEMPTS = 3;

  private final TroveClient trove;
  private final InventoryService inventory;
  private final InventoryConfig config;
  private final Clock clock;

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
   * instance) is rolled back and applied once more; chunks already applied stay.
   */
  ReconcileReport reconcileNow(int chunkSize) {
    // DATETIME(6) keeps microseconds: a pass start with nanoseconds would compare later than the
    // stamp it wrote, and every instance the pass listed would look unlisted (vanished).
    Instant passStartedAt = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    ReconcileReport[] report = {ReconcileReport.EMPTY};
    trove.listAllInstances(
        chunkSize,
        chunk ->
            report[0] =
                report[0].plus(retried(() -> inventory.reconcileChunk(chunk, passStartedAt))));
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

  private static <T> T retried(Supplier<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return work.get();
      } catch (RuntimeException e) {
        if (!isCollision(e) || attempt == ATTEMPTS) {
          throw e;
        }
        Log.debugf("Reconcile collided with a concurrent change, running it again: %s", e);
      }
    }
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
