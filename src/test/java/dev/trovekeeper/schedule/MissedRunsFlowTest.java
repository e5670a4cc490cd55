package dev.trovekeeper.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trovekeeper.demo.InstanceInfo;
import dev.trovekeeper.inventory.Target;
import dev.trovekeeper.inventory.TargetKind;
import dev.trovekeeper.inventory.TargetRepository;
import dev.trovekeeper.policy.MissedRunPolicy;
import dev.trovekeeper.policy.PolicyService;
import dev.trovekeeper.run.Run;
import dev.trovekeeper.run.RunRepository;
import dev.trovekeeper.run.RunTrigger;
import dev.trovekeeper.testing.Db;
import dev.trovekeeper.testing.Projects;
import dev.trovekeeper.testing.TestInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The schedule engine is down across two or three slots (its loop stopped, as when every replica is
 * down), then comes back: RUN_ONCE makes exactly one catch-up run, SKIP none.
 */
@QuarkusTest
class MissedRunsFlowTest {

  private static final String EVERY_4S = "*/4 * * * * ?";
  private static final String NEVER = "0 0 0 1 1 ? 2099";

  @Inject PolicyService policies;
  @Inject ScheduleLoop loop;
  @Inject TargetRepository targets;
  @Inject RunRepository runs;

  /** Both policies share one downtime of the engine (the loop is global to the process). */
  @Test
  void runOnceCatchesUpWithExactlyOneRunAndSkipMakesNone() throws InterruptedException {
    Target runOnce = scheduledTarget(MissedRunPolicy.RUN_ONCE);
    Target skip = scheduledTarget(MissedRunPolicy.SKIP);
    // Both fire normally first.
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> !runsOf(runOnce.id).isEmpty() && !runsOf(skip.id).isEmpty());

    loop.stop();
    Instant down = Instant.now();
    Thread.sleep(8_000); // two slots of a 4 s cron go by: one catch-up run, not two
    // Come back 3 s after a slot, so every slot of the downtime is past the 2 s misfire threshold.
    while (Instant.now().toEpochMilli() % 4000 < 3000) {
      Thread.sleep(20);
    }
    Instant up = Instant.now();
    loop.start();

    // The next on-time slot after the restart proves the engine is back.
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> firedAfter(runOnce, up) && firedAfter(skip, up));
    policies.setProjectDefault(
        runOnce.projectId, Projects.cron(NEVER, 5, MissedRunPolicy.RUN_ONCE));
    policies.setProjectDefault(skip.projectId, Projects.cron(NEVER, 5, MissedRunPolicy.SKIP));

    assertThat(slotsBetween(runOnce, down, up))
        .extracting(r -> r.trigger)
        .containsExactly(RunTrigger.CATCH_UP);
    assertThat(slotsBetween(skip, down, up)).isEmpty();
  }

  private Target scheduledTarget(MissedRunPolicy missed) {
    String project = Projects.create("missed");
    policies.setProjectDefault(project, Projects.cron(EVERY_4S, 5, missed));
    InstanceInfo instance = TestInfrastructure.region().createInstance(project, "missed-db");
    return Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                Db.read(
                    () ->
                        targets
                            .findByExternalId(TargetKind.TROVE_INSTANCE, instance.id())
                            .orElse(null)),
            t -> t != null);
  }

  private boolean firedAfter(Target target, Instant up) {
    return runsOf(target.id).stream()
        .anyMatch(r -> r.trigger == RunTrigger.SCHEDULED && r.slotAt.isAfter(up));
  }

  /** The runs whose slot fell while the engine was down. */
  private List<Run> slotsBetween(Target target, Instant down, Instant up) {
    return runsOf(target.id).stream()
        .filter(r -> r.slotAt.isAfter(down) && !r.slotAt.isAfter(up))
        .toList();
  }

  private List<Run> runsOf(long targetId) {
    return Db.read(() -> runs.list("targetId", targetId));
  }
}
