package dev.trovekeeper.inventory;

import dev.trovekeeper.trove.TroveClient;
import dev.trovekeeper.trove.TroveException;
import dev.trovekeeper.trove.TroveInstance;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.RollbackException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Periodically lists every Trove instance (cluster members included) and reconciles the inventory
 * with it, in chunks of {@code keeper.inventory.reconcile-chunk-size} per transaction: Trove 18's
 * admin listing answers the whole fleet at once.
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
   * One reconcile pass in chunks of {@code chunkSize}: first the listing, chunk by chunk, then the
   * known targets page by page to mark those Trove no longer lists. A chunk that collides with a
   * concurrent registration (a notification, or another replica's pass, inserting the same
   * instance) is rolled back and applied once more; chunks already applied stay.
   */
  ReconcileReport reconcileNow(int chunkSize) {
    Instant listedAt = clock.instant();
    List<TroveInstance> listing = trove.listAllInstances();
    ReconcileReport report = ReconcileReport.EMPTY;
    Set<String> listedIds = new HashSet<>();
    for (int from = 0; from < listing.size(); from += chunkSize) {
      List<TroveInstance> chunk = listing.subList(from, Math.min(listing.size(), from + chunkSize));
      chunk.forEach(i -> listedIds.add(i.id()));
      report = report.plus(retried(() -> inventory.reconcileChunk(chunk)));
    }
    long afterId = 0;
    while (true) {
      long after = afterId;
      InventoryService.VanishPage page =
          retried(() -> inventory.markVanished(listedIds, listedAt, after, chunkSize));
      report = report.plus(page.report());
      if (page.report().largestChunk() < chunkSize) {
        break;
      }
      afterId = page.lastId();
    }
    if (report.added() + report.updated() + report.vanished() > 0) {
      Log.infof(
          "Reconciled %d Trove instances in %d transactions: %d added, %d updated, %d vanished",
          report.listed(),
          report.transactions(),
          report.added(),
          report.updated(),
          report.vanished());
    }
    return report;
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
