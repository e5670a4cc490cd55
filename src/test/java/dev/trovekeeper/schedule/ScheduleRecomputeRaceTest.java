package dev.trovekeeper.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trovekeeper.demo.InstanceInfo;
import dev.trovekeeper.inventory.TargetRepository;
import dev.trovekeeper.policy.MissedRunPolicy;
import dev.trovekeeper.policy.PolicyService;
import dev.trovekeeper.testing.Projects;
import dev.trovekeeper.testing.Targets;
import dev.trovekeeper.testing.TestInfrastructure;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A policy change recomputes its project's schedules while the schedule engine fires them: the
 * change waits for the firing instead of failing on the row's version (a tenant saw 500).
 */
@QuarkusTest
class ScheduleRecomputeRaceTest {

  @Inject ScheduleService schedules;
  @Inject PolicyService policies;
  @Inject TargetRepository targets;
  @Inject EntityManager em;

  @Test
  void aPolicyChangeWhileTheEngineFiresTheScheduleDoesNotFail() throws Exception {
    String project = Projects.create("recompute-race");
    policies.setProjectDefault(
        project, Projects.cron("0 0 0 1 1 ? 2099", 30, MissedRunPolicy.RUN_ONCE));
    InstanceInfo instance = TestInfrastructure.region().createInstance(project, "race-db");
    long targetId = Targets.awaitInstance(targets, instance.id()).id;

    // The engine firing the schedule, as fast as it can: each firing changes the row's version.
    AtomicBoolean firing = new AtomicBoolean(true);
    Thread engine =
        new Thread(
            () -> {
              while (firing.get()) {
                QuarkusTransaction.requiringNew()
                    .run(
                        () ->
                            em.createNativeQuery(
                                    "UPDATE schedules SET version = version + 1,"
                                        + " updated_at = NOW(6) WHERE target_id = ?1")
                                .setParameter(1, targetId)
                                .executeUpdate());
              }
            },
            "engine-stand-in");
    engine.start();
    List<Throwable> failures = new ArrayList<>();
    try {
      for (int i = 0; i < 40; i++) {
        try {
          schedules.recompute(project);
        } catch (RuntimeException e) {
          failures.add(e);
        }
      }
    } finally {
      firing.set(false);
      engine.join(10_000);
    }

    assertThat(failures).isEmpty();
  }
}
