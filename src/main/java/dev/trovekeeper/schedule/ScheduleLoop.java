package dev.trovekeeper.schedule;

import dev.trovekeeper.events.BackupMetrics;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The schedule engine's threads on this replica ({@code keeper.schedule.claimers}): each fires due
 * schedules, straight again while it finds full batches, else after the poll interval (sub-second,
 * so lateness stays under a second).
 */
@ApplicationScoped
public class ScheduleLoop {

  private final ScheduleClaimer claimer;
  private final ScheduleConfig config;
  private final BackupMetrics metrics;
  private final Clock clock;
  private volatile boolean running;
  private final List<Thread> threads = new java.util.ArrayList<>();

  ScheduleLoop(ScheduleClaimer claimer, ScheduleConfig config, BackupMetrics metrics, Clock clock) {
    this.claimer = claimer;
    this.config = config;
    this.metrics = metrics;
    this.clock = clock;
  }

  void onStart(@Observes StartupEvent event) {
    if (config.enabled()) {
      start();
    }
  }

  void onStop(@Observes ShutdownEvent event) {
    stop();
  }

  /** Starts the loop (idempotent). */
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    for (int i = 0; i < Math.max(1, config.claimers()); i++) {
      Thread thread = new Thread(this::loop, "schedule-loop-" + i);
      thread.setDaemon(true);
      thread.start();
      threads.add(thread);
    }
  }

  /** Stops the loop and waits for the current batches; schedules stay due for another replica. */
  public synchronized void stop() {
    running = false;
    threads.forEach(Thread::interrupt);
    for (Thread thread : threads) {
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    threads.clear();
  }

  private void loop() {
    while (running) {
      try {
        List<Duration> fired = claimer.fireDue(clock.instant());
        fired.forEach(metrics::fireLateness);
        if (fired.size() < config.batchSize()) {
          Thread.sleep(config.pollInterval().toMillis());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        Log.warnf("Firing due schedules failed, trying again: %s", e.toString());
        pause();
      }
    }
  }

  private void pause() {
    try {
      Thread.sleep(Math.max(1000, config.pollInterval().toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }
}
