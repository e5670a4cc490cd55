package dev.trovekeeper.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The embedded database stops only after the application's last shutdown observer. */
class ShutdownOrderTest {

  @Test
  void theDatabaseStopsAfterTheApplicationHasStopped() throws InterruptedException {
    ShutdownOrder order = new ShutdownOrder(Duration.ofMinutes(1));
    order.started();
    CountDownLatch databaseStopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> order.stopAfterApplication(databaseStopped::countDown));
    hook.start();

    // The JVM's hooks run together: the database's must still be waiting for the application.
    assertThat(databaseStopped.await(300, TimeUnit.MILLISECONDS)).isFalse();
    order.stopped();
    assertThat(databaseStopped.await(10, TimeUnit.SECONDS)).isTrue();
    hook.join();
  }

  @Test
  void aDatabaseWhoseApplicationNeverStartedStopsAtOnce() {
    ShutdownOrder order = new ShutdownOrder(Duration.ofMinutes(1));
    boolean[] stopped = {false};
    order.stopAfterApplication(() -> stopped[0] = true);
    assertThat(stopped[0]).isTrue();
  }
}
