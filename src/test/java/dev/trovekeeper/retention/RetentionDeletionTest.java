package dev.trovekeeper.retention;

import static dev.trovekeeper.retention.RetentionTesting.NEVER;
import static dev.trovekeeper.retention.RetentionTesting.awaitTarget;
import static dev.trovekeeper.retention.RetentionTesting.inTrove;
import static dev.trovekeeper.retention.RetentionTesting.policy;
import static dev.trovekeeper.retention.RetentionTesting.prunedBackupIds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trovekeeper.demo.BackupInfo;
import dev.trovekeeper.demo.DemoRegion;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Retention against Trove's asynchronous delete (DELETE answers 202, the backup stays listed for a
 * while, then 404), on real MariaDB and the demo region: a delete is tracked until Trove confirms
 * it, sent once, and reported by exactly one {@code backup.pruned} per backup; a deleted full takes
 * its incrementals with it; two replicas never work on one target at once.
 */
@QuarkusTest
class RetentionDeletionTest {

  private static final Duration TROVE_DELETE_TAKES = Duration.ofMillis(1500);

  @Inject PolicyService policies;
  @Inject TargetRepository targets;
  @Inject RunRepository runs;
  @Inject ArtifactRepository artifacts;
  @Inject RetentionExecutor executor;
  @Inject RetentionClaims claims;
  @Inject EntityManager em;

  private final DemoRegion region = TestInfrastructure.region();

  @Test
  void asyncDeleteIsSentOnceAndPrunedOncePerBackupWhenTroveConfirmsIt() {
    String project = asyncProject("async");
    policies.setProjectDefault(project, policy("*/2 * * * * ?", 1, null));
    InstanceInfo instance = region.createInstance(project, "async-db");
    Target target = awaitTarget(targets, instance.id());

    Awaitility.await()
        .atMost(Duration.ofSeconds(90))
        .until(() -> succeeded(target.id) >= 4 && status(target.id, "DELETED") >= 2);
    policies.setProjectDefault(project, policy(NEVER, 1, null));
    RetentionTesting.awaitQuiet(runs, target.id);
    // Every backup but the newest ends DELETED once Trove stops listing it. A run that finished
    // while another pass held the target leaves its retention to the next pass (the sweep, an hour
    // away in tests): passes are asked for here, as the sweep would.
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              executor.apply(target.id);
              return status(target.id, "DELETING") == 0
                  && inTrove(project, instance.id()).size() == 1;
            });

    List<String> deleted = externalIds(target.id, "DELETED");
    assertThat(deleted).hasSizeGreaterThanOrEqualTo(3);
    assertThat(inTrove(project, instance.id()).stream().map(BackupInfo::id))
        .doesNotContainAnyElementsOf(deleted);
    // One DELETE per backup, none answered 404 (never sent again while Trove was deleting) ...
    Map<String, Long> deletes = deletesByBackup(project);
    assertThat(deletes.keySet()).containsExactlyInAnyOrderElementsOf(deleted);
    assertThat(deletes.values()).containsOnly(1L);
    assertThat(deletesAnswered(project, 404)).isZero();
    // ... and exactly one backup.pruned per deleted backup.
    assertThat(prunedBackupIds(em, target.id)).containsExactlyInAnyOrderElementsOf(deleted);
  }

  @Test
  void deletingAFullMarksItsIncrementalsDeletedWithOneEventEach() {
    String project = asyncProject("cascade");
    policies.setProjectDefault(project, policy("*/2 * * * * ?", 10, 1));
    InstanceInfo instance = region.createInstance(project, "cascade-db");
    Target target = awaitTarget(targets, instance.id());
    Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> succeeded(target.id) >= 3);
    policies.setProjectDefault(project, policy(NEVER, 10, 1));
    RetentionTesting.awaitQuiet(runs, target.id);

    List<Artifact> chain = Db.read(() -> artifacts.listLive(target.id));
    Artifact full = chain.get(0);
    assertThat(full.parentExternalId).isNull();
    assertThat(chain.subList(1, chain.size()))
        .isNotEmpty()
        .allSatisfy(a -> assertThat(a.parentExternalId).isNotNull());
    // The owner confirmed deleting the full backup (what POST /v1/deletions ends in).
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                em.createQuery("update Artifact a set a.status = 'DELETING' where a.id = ?1")
                    .setParameter(1, full.id)
                    .executeUpdate());
    executor.apply(target.id);

    List<String> all = chain.stream().map(a -> a.externalId).toList();
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> externalIds(target.id, "DELETED").size() == all.size());
    assertThat(inTrove(project, instance.id()).stream().map(BackupInfo::id))
        .doesNotContainAnyElementsOf(all);
    assertThat(deletesByBackup(project)).isEqualTo(Map.of(full.externalId, 1L));
    assertThat(prunedBackupIds(em, target.id)).containsExactlyInAnyOrderElementsOf(all);
    assertThat(RetentionTesting.payloads(em, target.id, "backup.pruned"))
        .map(RetentionTesting::data)
        .filteredOn(d -> !d.path("backupId").asText().equals(full.externalId))
        .allSatisfy(d -> assertThat(d.path("deletedWith").asText()).isEqualTo(full.externalId));
  }

  @Test
  void twoReplicasSweepingTogetherDeleteEachBackupOnceWithOneEvent() throws Exception {
    String project = Projects.create("replicas");
    policies.setProjectDefault(project, policy("*/2 * * * * ?", 10, null));
    InstanceInfo instance = region.createInstance(project, "replicas-db");
    Target target = awaitTarget(targets, instance.id());
    Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> succeeded(target.id) >= 5);
    // Stopped with everything kept; once no late run or its retention pass is left, keep only
    // the newest: the two passes below are the only ones that prune.
    policies.setProjectDefault(project, policy(NEVER, 10, null));
    RetentionTesting.awaitSettled(em, runs, target.id);
    policies.setProjectDefault(project, policy(NEVER, 1, null));
    int before = inTrove(project, instance.id()).size();

    // Two replicas' sweeps reach the same target at the same moment.
    CountDownLatch start = new CountDownLatch(1);
    List<CompletableFuture<List<String>>> passes =
        List.of(1, 2).stream()
            .map(
                i ->
                    CompletableFuture.supplyAsync(
                        () -> {
                          await(start);
                          return executor.apply(target.id);
                        }))
            .toList();
    start.countDown();
    passes.forEach(CompletableFuture::join);
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> status(target.id, "DELETING") == 0);

    List<String> deleted = externalIds(target.id, "DELETED");
    assertThat(deleted).hasSize(before - 1);
    assertThat(deletesByBackup(project).values()).containsOnly(1L);
    assertThat(deletesAnswered(project, 404)).isZero();
    assertThat(prunedBackupIds(em, target.id)).containsExactlyInAnyOrderElementsOf(deleted);
  }

  @Test
  void aTargetIsHeldByOnePassAtATime() {
    long targetId = Long.MAX_VALUE - System.nanoTime() % 1_000_000;
    assertThat(claims.tryClaim(targetId, "replica-a")).isTrue();
    assertThat(claims.tryClaim(targetId, "replica-b")).isFalse();
    claims.release(targetId, "replica-b"); // not its lease: nothing changes
    assertThat(claims.tryClaim(targetId, "replica-b")).isFalse();
    claims.release(targetId, "replica-a");
    assertThat(claims.tryClaim(targetId, "replica-b")).isTrue();
    claims.release(targetId, "replica-b");
  }

  private String asyncProject(String prefix) {
    String project = Projects.create(prefix);
    region.setBackupDeleteDelay(project, TROVE_DELETE_TAKES);
    return project;
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Map<String, Long> deletesByBackup(String project) {
    return region.requests().entries().stream()
        .filter(e -> e.method().equals("DELETE") && project.equals(e.projectId()))
        .filter(e -> e.path().contains("/backups/"))
        .collect(
            Collectors.groupingBy(
                e -> e.path().substring(e.path().lastIndexOf('/') + 1), Collectors.counting()));
  }

  private long deletesAnswered(String project, int status) {
    return region.requests().entries().stream()
        .filter(e -> e.method().equals("DELETE") && project.equals(e.projectId()))
        .filter(e -> e.status() == status)
        .count();
  }

  private long succeeded(long targetId) {
    return Db.read(() -> runs.count("targetId = ?1 and state = ?2", targetId, RunState.SUCCEEDED));
  }

  private long status(long targetId, String status) {
    return Db.read(() -> artifacts.count("targetId = ?1 and status = ?2", targetId, status));
  }

  private List<String> externalIds(long targetId, String status) {
    return Db.read(
        () ->
            artifacts.list("targetId = ?1 and status = ?2", targetId, status).stream()
                .map(a -> a.externalId)
                .toList());
  }
}
