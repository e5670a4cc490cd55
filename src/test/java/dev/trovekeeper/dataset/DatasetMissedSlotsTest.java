package dev.trovekeeper.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trovekeeper.inventory.Target;
import dev.trovekeeper.policy.MissedRunPolicy;
import dev.trovekeeper.run.Run;
import dev.trovekeeper.run.RunRepository;
import dev.trovekeeper.run.RunState;
import dev.trovekeeper.run.RunTrigger;
import dev.trovekeeper.testing.Db;
import dev.trovekeeper.testing.Projects;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The missed-run policy holds for datasets as for instances: of two scheduled slots that both wait
 * (the service was down, or the project's concurrency was full), the older gives way to the newer
 * under RUN_ONCE instead of both backing up one after the other.
 */
@QuarkusTest
class DatasetMissedSlotsTest {

  /** A schedule that never fires by itself in the test: only the queued runs below exist. */
  static final String NEVER = "0 0 0 1 1 ? 2099";

  private static final Set<RunState> FINAL =
      EnumSet.of(RunState.SUCCEEDED, RunState.FAILED, RunState.SKIPPED, RunState.CANCELLED);

  @Inject RunRepository runs;

  @Test
  void anOlderWaitingSlotGivesWayToANewerOne() {
    String project = Projects.create("dsmissed");
    Target dataset =
        TestDatasets.create(project, "shop", Projects.cron(NEVER, 3, MissedRunPolicy.RUN_ONCE));
    Instant now = Instant.now();
    // claimed first (due now) while the newer slot still waits (due a little later)
    long older = queue(dataset, "2001-01-01T00:00:00Z", now);
    long newer = queue(dataset, "2001-01-01T01:00:00Z", now.plusSeconds(5));

    Run skipped =
        Awaitility.await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> Db.read(() -> runs.findById(older)), r -> FINAL.contains(r.state));
    assertThat(skipped.state).isEqualTo(RunState.SKIPPED);
    assertThat(skipped.reasonCode).isEqualTo("SLOT_SUPERSEDED");
    // the newer slot is not superseded: it runs (and fails here: the test dataset has no source)
    Run ran =
        Awaitility.await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> Db.read(() -> runs.findById(newer)), r -> FINAL.contains(r.state));
    assertThat(ran.reasonCode).isNotEqualTo("SLOT_SUPERSEDED");
  }

  private long queue(Target dataset, String slot, Instant due) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              Instant now = Instant.now();
              Run run = new Run();
              run.targetId = dataset.id;
              run.projectId = dataset.projectId;
              run.slotAt = Instant.parse(slot);
              run.trigger = RunTrigger.SCHEDULED;
              run.state = RunState.PENDING;
              run.progressPhase = "queued";
              run.nextAttemptAt = due;
              run.createdAt = now;
              run.updatedAt = now;
              runs.persist(run);
              return run.id;
            });
  }
}
