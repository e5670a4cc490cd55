package dev.trovekeeper.run;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Heartbeat of this replica's run leases: every {@code keeper.run.lease-renewal} it renews the
 * lease of each run a worker is stepping, so a step may outlast the (short) lease while a crashed
 * replica's runs are taken over one lease after it stopped renewing. A renewal that finds the run
 * taken over (its fencing token changed) marks the step lost: the step's next change fails on the
 * fence. A worker that cannot renew in time (database unreachable) is interrupted before its lease
 * runs out, which aborts its Trove call, so it never races the replica that takes the run over.
 */
@ApplicationScoped
class LeaseRenewal {

  /** One lease a worker is stepping under. */
  static final class Held {
    private final RunLease lease;
    private volatile Instant validUntil;
    private volatile Thread worker;
    private volatile boolean lost;
    private boolean done;

    private Held(RunLease lease, Instant validUntil) {
      this.lease = lease;
      this.validUntil = validUntil;
    }

    /** Whether the lease was taken over or given up; the step's outcome is no longer its own. */
    boolean lost() {
      return lost;
    }
  }

  private final RunStore store;
  private final RunConfig config;
  private final Clock clock;
  private final Map<Long, Held> held = new ConcurrentHashMap<>();
  private ScheduledExecutorService timer;

  LeaseRenewal(RunStore store, RunConfig config, Clock clock) {
    this.store = store;
    this.config = config;
    this.clock = clock;
  }

  synchronized void start() {
    if (timer != null) {
      return;
    }
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "run-lease-renewal");
              thread.setDaemon(true);
              return thread;
            });
    long every = config.leaseRenewal().toMillis();
    timer.scheduleWithFixedDelay(this::renewAll, every, every, TimeUnit.MILLISECONDS);
  }

  synchronized void stop() {
    if (timer != null) {
      timer.shutdownNow();
      timer = null;
    }
  }

  /**
   * Starts renewing a lease just claimed; {@code claimedAt} is taken before the claim, so the lease
   * is known to hold at least until {@code claimedAt + lease}.
   */
  Held hold(RunLease lease, Instant claimedAt) {
    Held h = new Held(lease, claimedAt.plus(config.lease()));
    held.put(lease.runId(), h);
    return h;
  }

  /** Called on the worker thread when its step begins. */
  void stepping(Held h) {
    h.worker = Thread.currentThread();
  }

  /** The step ended: no more renewals, and no interrupt reaches the (pooled) thread afterwards. */
  void done(Held h) {
    held.remove(h.lease.runId(), h);
    synchronized (h) {
      h.done = true;
    }
    Thread.interrupted();
  }

  private void renewAll() {
    for (Held h : held.values()) {
      try {
        renew(h);
      } catch (RuntimeException e) {
        Log.warnf("Lease renewal of run %d failed: %s", h.lease.runId(), e.toString());
      }
    }
  }

  private void renew(Held h) {
    Instant now = clock.instant();
    boolean renewed;
    try {
      renewed = store.renew(h.lease, config.lease());
    } catch (RuntimeException e) {
      Log.warnf("Could not renew the lease of run %d: %s", h.lease.runId(), e.toString());
      if (LeaseBudget.mustAbandon(h.validUntil, clock.instant(), config.leaseRenewal())) {
        abandon(h);
      }
      return;
    }
    if (renewed) {
      h.validUntil = now.plus(config.lease());
      return;
    }
    // Taken over, or released by the step's own last change just before it ended: either way the
    // step's next change (if any) fails on the fence. Debug only, the fence logs a real takeover.
    h.lost = true;
    held.remove(h.lease.runId(), h);
    Log.debugf("Lease of run %d no longer held: not renewed", h.lease.runId());
  }

  /** Stops the step before its lease runs out: its Trove call is aborted, its changes fenced. */
  private void abandon(Held h) {
    h.lost = true;
    held.remove(h.lease.runId(), h);
    synchronized (h) {
      if (!h.done && h.worker != null) {
        Log.warnf(
            "Lease of run %d could not be renewed before %s: its step is stopped so that the"
                + " replica taking the run over does not race it",
            h.lease.runId(), h.validUntil);
        h.worker.interrupt();
      }
    }
  }
}
