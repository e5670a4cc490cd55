package dev.trovekeeper.boot;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Orders shutdown around the embedded database: on SIGTERM the JVM runs every shutdown hook at
 * once, so the database's stop waits until the application has run its last {@link ShutdownEvent}
 * observer (after the run worker and the schedule loop, which stop at the default priority and let
 * their steps finish and release their runs).
 */
public final class ShutdownOrder {

  /** The one gate of this JVM (the application and the database stop once). */
  public static final ShutdownOrder INSTANCE = new ShutdownOrder(Duration.ofSeconds(60));

  private final CountDownLatch appStopped = new CountDownLatch(1);
  private final Duration maxWait;
  private volatile boolean appStarted;

  ShutdownOrder(Duration maxWait) {
    this.maxWait = maxWait;
  }

  void started() {
    appStarted = true;
  }

  void stopped() {
    appStopped.countDown();
  }

  /** Runs {@code stopDatabase} once the application has stopped (at once if it never started). */
  public void stopAfterApplication(Runnable stopDatabase) {
    if (appStarted) {
      try {
        if (!appStopped.await(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
          Log.warnf(
              "The application did not stop within %s; stopping the database anyway", maxWait);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    stopDatabase.run();
  }

  /** Marks the application's start and end for {@link #INSTANCE}. */
  @ApplicationScoped
  static class Lifecycle {

    void onStart(@Observes StartupEvent event) {
      INSTANCE.started();
    }

    /** Last of all shutdown observers: nothing of the application uses the database after it. */
    void onStop(@Observes @Priority(Integer.MAX_VALUE) ShutdownEvent event) {
      INSTANCE.stopped();
    }
  }
}
