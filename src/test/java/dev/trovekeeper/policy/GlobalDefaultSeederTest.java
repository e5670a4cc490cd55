package dev.trovekeeper.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trovekeeper.inventory.InventoryService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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
  @Inject EffectivePolicyRepository effective;
  @Inject InventoryService inventory;
  @Inject QuotaCheck quota;
  @Inject TierBoundsSource tiers;
  @Inject PolicyLimitsConfig limits;
  @Inject PolicyConfig config;

  /**
   * Two replicas whose clocks read the same instant: only the first call created the row. (CI once
   * saw both concurrent seeds claim it when creation was recognised by its timestamp.)
   */
  @Test
  void aCallThatFindsTheRowDoesNotClaimItEvenAtTheSameInstant() {
    PolicyService sameInstant =
        new PolicyService(
            policies,
            effective,
            inventory,
            quota,
            tiers,
            limits,
            Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC));
    PolicySpec spec = GlobalDefaultSeeder.spec(config);
    QuarkusTransaction.requiringNew()
        .run(() -> policies.delete("scopeKey", PolicyRepository.globalKey()));

    assertThat(QuarkusTransaction.requiringNew().call(() -> sameInstant.createGlobalIfAbsent(spec)))
        .as("the first call inserts")
        .isTrue();
    assertThat(QuarkusTransaction.requiringNew().call(() -> sameInstant.createGlobalIfAbsent(spec)))
        .as("the second finds the row")
        .isFalse();
    assertThat(
            QuarkusTransaction.requiringNew()
                .call(() -> policies.count("scopeKey", PolicyRepository.globalKey())))
        .isEqualTo(1);
  }

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
