package dev.trovekeeper.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Replicas starting together: one creates the global default, none fails or warns. */
@QuarkusTest
class GlobalDefaultSeederTest {

  @Inject GlobalDefaultSeeder seeder;
  @Inject PolicyRepository policies;

  @Test
  void twoConcurrentSeedsCreateOneGlobalDefaultWithoutWarnings() throws Exception {
    List<String> warnings = new CopyOnWriteArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
              warnings.add(r.getLoggerName() + ": " + r.getMessage());
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger root = Logger.getLogger("");
    root.addHandler(capture);
    ExecutorService replicas = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 5; round++) {
        QuarkusTransaction.requiringNew()
            .run(() -> policies.delete("scopeKey", PolicyRepository.globalKey()));
        CyclicBarrier together = new CyclicBarrier(2);
        List<Future<Boolean>> seeds =
            List.of(
                replicas.submit(() -> seedAfter(together)),
                replicas.submit(() -> seedAfter(together)));
        long created = 0;
        for (Future<Boolean> seed : seeds) {
          created += seed.get() ? 1 : 0;
        }
        assertThat(created).as("round %d", round).isEqualTo(1);
        assertThat(
                QuarkusTransaction.requiringNew()
                    .call(() -> policies.count("scopeKey", PolicyRepository.globalKey())))
            .isEqualTo(1);
      }
    } finally {
      replicas.shutdownNow();
      root.removeHandler(capture);
    }
    assertThat(warnings).filteredOn(w -> w.contains("org.hibernate")).isEmpty();
  }

  private boolean seedAfter(CyclicBarrier together) throws Exception {
    together.await();
    return seeder.seed();
  }
}
