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
import java.util.List;

/** Periodically lists every Trove instance and reconciles the inventory with it. */
@ApplicationScoped
public class ReconcileJob {

  private final TroveClient trove;
  private final InventoryService inventory;
  private final Clock clock;

  ReconcileJob(TroveClient trove, InventoryService inventory, Clock clock) {
    this.trove = trove;
    this.inventory = inventory;
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

  /**
   * One reconcile pass, now. A pass that collides with a concurrent registration (a notification,
   * or another replica's pass, inserting the same instance) is rolled back and run once more.
   */
  public ReconcileReport reconcileNow() {
    Instant listedAt = clock.instant();
    List<TroveInstance> listing = trove.listAllInstances();
    ReconcileReport report = null;
    for (int attempt = 1; report == null; attempt++) {
      try {
        report = inventory.reconcile(listing, listedAt);
      } catch (RuntimeException e) {
        if (!isCollision(e) || attempt == 3) {
          throw e;
        }
        Log.debugf("Reconcile collided with a concurrent change, running it again: %s", e);
      }
    }
    if (report.added() + report.updated() + report.vanished() > 0) {
      Log.infof(
          "Reconciled %d Trove instances: %d added, %d updated, %d vanished",
          report.listed(), report.added(), report.updated(), report.vanished());
    }
    return report;
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
