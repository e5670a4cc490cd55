package dev.trovekeeper.run;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Executes runs on this replica: claims runnable runs with a lease (rows other replicas are
 * claiming are skipped) and advances each by one step on a worker thread, renewing the lease while
 * the step lasts ({@link LeaseRenewal}). If this replica dies, its leases expire one lease later
 * and another replica's worker picks the runs up where the database says they are.
 */
@ApplicationScoped
public class RunWorker {

  private final RunStore store;
  private final RunExecutors executors;
  private final RunOutcomes outcomes;
  private final RunConfig config;
  private final LeaseRenewal renewal;
  private final java.time.Clock clock;
  private final String owner;
  private final Semaphore free;
  private volatile boolean running;
  private ExecutorService pool;
  private Thread dispatcher;

  RunWorker(
      RunStore store,
      RunExecutors executors,
      RunOutcomes outcomes,
      RunConfig config,
      LeaseRenewal renewal,
      java.time.Clock clock) {
    this.store = store;
    this.executors = executors;
    this.outcomes = outcomes;
    this.config = config;
    this.renewal = renewal;
    this.clock = clock;
    this.owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
    this.free = new Semaphore(config.workers());
  }

  void onStart(@Observes StartupEvent event) {
    if (config.enabled()) {
      start();
    }
  }

  void onStop(@Observes ShutdownEvent event) {
    stop();
  }

  /** The identity this replica claims runs under. */
  public String owner() {
    return owner;
  }

  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    pool = Executors.newFixedThreadPool(config.workers(), r -> new Thread(r, "run-worker"));
    dispatcher = new Thread(this::dispatch, "run-dispatcher");
    dispatcher.setDaemon(true);
    dispatcher.start();
    renewal.start();
  }

  public synchronized void stop() {
    running = false;
    if (dispatcher == null) {
      return;
    }
    dispatcher.interrupt();
    pool.shutdown();
    try {
      if (!pool.awaitTermination(config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
        Log.warnf(
            "Run steps still executing after the shutdown grace of %s are interrupted; their"
                + " runs are taken over once their lease ends",
            config.shutdownGrace());
        pool.shutdownNow();
      }
      dispatcher.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    dispatcher = null;
    renewal.stop();
  }

  private void dispatch() {
    while (running) {
      try {
        int capacity = free.availablePermits();
        java.time.Instant claimedAt = clock.instant();
        List<RunLease> claimed =
            capacity == 0 ? List.of() : store.claim(owner, capacity, config.lease());
        for (RunLease lease : claimed) {
          free.acquire();
          LeaseRenewal.Held held = renewal.hold(lease, claimedAt);
          pool.execute(() -> stepAndRelease(lease, held));
        }
        if (claimed.isEmpty()) {
          Thread.sleep(config.pollInterval().toMillis());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        Log.warnf("Claiming runs failed, trying again: %s", e.toString());
        sleepQuietly();
      }
    }
  }

  private void stepAndRelease(RunLease lease, LeaseRenewal.Held held) {
    renewal.stepping(held);
    try {
      executors.step(lease);
    } catch (RunStore.LostClaimException e) {
      Log.infof("Step abandoned: %s", e.getMessage());
    } catch (RuntimeException e) {
      if (held.lost()) {
        // Taken over or given up: what went wrong is not the run's fault and not ours to record.
        Log.infof("Step of run %d abandoned with its lease: %s", lease.runId(), e.toString());
      } else {
        Log.warnf(e, "Step of run %d failed", lease.runId());
        recordCrash(lease, e);
      }
    } finally {
      renewal.done(held);
      free.release();
    }
  }

  /** Counts the error on the run (bounded); if even that fails, the lease runs out instead. */
  private void recordCrash(RunLease lease, RuntimeException e) {
    try {
      outcomes.crashed(lease, e);
    } catch (RuntimeException again) {
      Log.warnf("Could not record the error of run %d: %s", lease.runId(), again.toString());
    }
  }

  private void sleepQuietly() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }
}
