package dev.trovekeeper.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trovekeeper.demo.BackupInfo;
import dev.trovekeeper.demo.InstanceInfo;
import dev.trovekeeper.inventory.DiscoverySource;
import dev.trovekeeper.inventory.Target;
import dev.trovekeeper.inventory.TargetKind;
import dev.trovekeeper.inventory.TargetRepository;
import dev.trovekeeper.policy.MissedRunPolicy;
import dev.trovekeeper.policy.Policy;
import dev.trovekeeper.policy.PolicyService;
import dev.trovekeeper.schedule.ScheduleRepository;
import dev.trovekeeper.testing.Db;
import dev.trovekeeper.testing.Projects;
import dev.trovekeeper.testing.TestInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The product's core path end to end, on real MariaDB and Kafka against the demo region: a new
 * instance's notification assigns the project default policy, backups fire on its cron, complete,
 * and retention prunes beyond keep-last.
 */
@QuarkusTest
class AutomaticBackupTest {

  @Inject PolicyService policies;
  @Inject TargetRepository targets;
  @Inject ScheduleRepository schedules;
  @Inject RunRepository runs;
  @Inject ArtifactRepository artifacts;
  @Inject EntityManager em;

  @Test
  void newInstanceIsBackedUpOnScheduleAndPrunedToKeepLast() {
    String project = Projects.create("auto");
    Policy policy =
        policies.setProjectDefault(
            project, Projects.cron("*/2 * * * * ?", 2, MissedRunPolicy.RUN_ONCE));

    InstanceInfo instance = TestInfrastructure.region().createInstance(project, "auto-db");

    Target target =
        Awaitility.await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    Db.read(
                        () ->
                            targets
                                .findByExternalId(TargetKind.TROVE_INSTANCE, instance.id())
                                .orElse(null)),
                t -> t != null);
    assertThat(target.discoveredBy).isEqualTo(DiscoverySource.NOTIFICATION);
    assertThat(Db.read(() -> schedules.findByTarget(target.id).orElseThrow().policyId))
        .isEqualTo(policy.id);

    // At least four backups complete; keep-last 2 leaves exactly two in Trove.
    Awaitility.await()
        .atMost(Duration.ofSeconds(90))
        .until(
            () ->
                succeeded(target.id) >= 4
                    && completedInTrove(project, instance.id()) == 2
                    && deletedArtifacts(target.id) >= 2);
    policies.setProjectDefault(
        project, Projects.cron("0 0 0 1 1 ? 2099", 2, MissedRunPolicy.RUN_ONCE)); // stop firing
    // A run already queued may still post: compare Trove with the service once none is going.
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                Db.read(
                        () ->
                            runs.count(
                                "targetId = ?1 and state in ?2",
                                target.id,
                                List.of(RunState.PENDING, RunState.REQUESTED, RunState.RUNNING)))
                    == 0);

    List<BackupInfo> inTrove = TestInfrastructure.region().backups(project);
    assertThat(inTrove).allSatisfy(b -> assertThat(b.name()).startsWith("tk-"));
    assertThat(inTrove.stream().map(BackupInfo::name).distinct().count()).isEqualTo(inTrove.size());
    // Every backup the service no longer lists as live is really gone from Trove, and every one it
    // still lists as live is there.
    List<String> deleted =
        Db.read(() -> artifacts.list("targetId = ?1 and status = 'DELETED'", target.id)).stream()
            .map(a -> a.externalId)
            .toList();
    List<String> live =
        Db.read(() -> artifacts.listLive(target.id)).stream().map(a -> a.externalId).toList();
    assertThat(deleted).isNotEmpty();
    assertThat(inTrove.stream().map(BackupInfo::id))
        .doesNotContainAnyElementsOf(deleted)
        .containsAll(live);

    List<String> eventTypes =
        Db.read(
            () ->
                em.createQuery(
                        "select e.eventType from OutboxEvent e where e.subject = ?1 order by e.id",
                        String.class)
                    .setParameter(1, "targets/" + target.id)
                    .getResultList());
    assertThat(eventTypes)
        .startsWith("policy.assigned")
        .contains("backup.succeeded", "backup.pruned");
  }

  private long succeeded(long targetId) {
    return Db.read(() -> runs.count("targetId = ?1 and state = ?2", targetId, RunState.SUCCEEDED));
  }

  private long deletedArtifacts(long targetId) {
    return Db.read(() -> artifacts.count("targetId = ?1 and status = 'DELETED'", targetId));
  }

  private static long completedInTrove(String project, String instanceId) {
    return TestInfrastructure.region().backups(project).stream()
        .filter(b -> b.instanceId().equals(instanceId) && "COMPLETED".equals(b.status()))
        .count();
  }
}
