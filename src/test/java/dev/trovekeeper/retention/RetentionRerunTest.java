package dev.trovekeeper.retention;

import static dev.trovekeeper.retention.RetentionTesting.NEVER;
import static dev.trovekeeper.retention.RetentionTesting.awaitTarget;
import static dev.trovekeeper.retention.RetentionTesting.policy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trovekeeper.demo.DemoRegion;
import dev.trovekeeper.demo.Fault;
import dev.trovekeeper.demo.InstanceInfo;
import dev.trovekeeper.inventory.Target;
import dev.trovekeeper.inventory.TargetRepository;
import dev.trovekeeper.policy.PolicyService;
import dev.trovekeeper.run.Artifact;
import dev.trovekeeper.run.ArtifactRepository;
import dev.trovekeeper.run.RunRepository;
import dev.trovekeeper.run.RunState;
import dev.trovekeeper.testing.Db;
import dev.trovekeeper.testing.Projects;
import dev.trovekeeper.testing.TestInfrastructure;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A retention pass that finds its target held by another pass (another replica's, or the pass of
 * the previous backup) is not dropped until the next sweep: the holder runs once more before it
 * lets the target go.
 */
@QuarkusTest
class RetentionRerunTest {

  @Inject PolicyService policies;
  @Inject TargetRepository targets;
  @Inject RunRepository runs;
  @Inject ArtifactRepository artifacts;
  @Inject RetentionExecutor executor;
  @Inject EntityManager em;

  private final DemoRegion region = TestInfrastructure.region();

  @Test
  void aPassSkippedWhileTheTargetIsHeldRunsWhenTheHolderIsDone() {
    String project = Projects.create("rerun");
    policies.setProjectDefault(project, policy("*/2 * * * * ?", 10, null));
    InstanceInfo instance = region.createInstance(project, "rerun-db");
    Target target = awaitTarget(targets, instance.id());
    Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> succeeded(target.id) >= 3);
    policies.setProjectDefault(project, policy(NEVER, 10, null));
    RetentionTesting.awaitSettled(em, runs, target.id);
    List<Artifact> live =
        Db.read(() -> artifacts.listLive(target.id)).stream()
            .sorted(Comparator.comparing((Artifact a) -> a.createdAt).thenComparing(a -> a.id))
            .toList();
    Artifact oldest = live.get(0);
    Artifact newest = live.get(live.size() - 1);

    // Pass A holds the target while Trove takes its time answering the owner-confirmed DELETE.
    region
        .faults()
        .failNext(
            1,
            "DELETE",
            "/backups/" + oldest.externalId,
            project,
            Fault.hang(Duration.ofMillis(1800)));
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                em.createQuery("update Artifact a set a.status = 'DELETING' where a.id = ?1")
                    .setParameter(1, oldest.id)
                    .executeUpdate());
    CompletableFuture<List<String>> holder =
        CompletableFuture.supplyAsync(() -> executor.apply(target.id));
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> region.faults().pending() == 0);

    // Meanwhile the tenant keeps only the newest backup, and a pass is asked for: A holds the
    // target, so this pass cannot run now.
    policies.setProjectDefault(project, policy(NEVER, 1, null));
    executor.apply(target.id);
    holder.join();

    // Without asking again (the sweep is an hour away in tests), every backup but the newest goes.
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(Db.read(() -> artifacts.list("targetId = ?1", target.id)))
                    .filteredOn(a -> !a.id.equals(newest.id))
                    .extracting(a -> a.status)
                    .isNotEmpty()
                    .allMatch(status -> status.equals("DELETING") || status.equals("DELETED")));
    assertThat(Db.read(() -> artifacts.findById(newest.id)).status).isEqualTo("COMPLETED");
  }

  private long succeeded(long targetId) {
    return Db.read(() -> runs.count("targetId = ?1 and state = ?2", targetId, RunState.SUCCEEDED));
  }
}
