package dev.trovekeeper.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trovekeeper.demo.InstanceInfo;
import dev.trovekeeper.demo.RequestLog;
import dev.trovekeeper.inventory.Target;
import dev.trovekeeper.inventory.TargetRepository;
import dev.trovekeeper.policy.MissedRunPolicy;
import dev.trovekeeper.policy.Policy;
import dev.trovekeeper.policy.PolicyService;
import dev.trovekeeper.policy.PolicySpec;
import dev.trovekeeper.testing.Db;
import dev.trovekeeper.testing.Projects;
import dev.trovekeeper.testing.Targets;
import dev.trovekeeper.testing.TestInfrastructure;
import dev.trovekeeper.trove.TroveClient;
import io.quarkus.logging.Log;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Trove economy, counted where Trove would count it (the demo region's request log): scheduled
 * backups of a few instances, full and incremental, cost at most one POST and five GETs per
 * completed backup on average (issue 12), however long a backup takes.
 */
@QuarkusTest
class TroveEconomyTest {

  private static final int BACKUPS = 6;
  private static final Duration BUILD = Duration.ofSeconds(3);

  @Inject PolicyService policies;
  @Inject TargetRepository targets;
  @Inject RunRepository runs;
  @Inject RunService runService;
  @Inject TroveClient trove;

  @Test
  void aCompletedBackupCostsAtMostOnePostAndFiveGets() {
    String project = Projects.create("economy");
    TestInfrastructure.region().setBackupQuota(project, 1000);
    // Backups take 15 times the first poll pause (200 ms in tests), as a 30 s backup does in
    // production (2 s): a client polling on a fixed rhythm pays for it here.
    TestInfrastructure.region().setBackupBuildDelay(project, BUILD);
    policies.setProjectDefault(project, everyTwoSeconds("*/2 * * * * ?"));
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      InstanceInfo instance = TestInfrastructure.region().createInstance(project, "economy-" + i);
      Target target = Targets.awaitInstance(targets, instance.id());
      ids.add(target.id);
    }
    int from = TestInfrastructure.region().requests().entries().size();

    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> succeeded(ids) >= BACKUPS);
    policies.setProjectDefault(project, everyTwoSeconds("0 0 0 1 1 ? 2099")); // stop firing
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> unfinished(ids) == 0);

    long completed = succeeded(ids);
    List<RequestLog.Entry> trove = troveRequests(project, from);
    long posts = trove.stream().filter(e -> e.method().equals("POST")).count();
    long gets = trove.stream().filter(e -> e.method().equals("GET")).count();
    Map<String, Long> byPattern = new TreeMap<>();
    trove.forEach(e -> byPattern.merge(e.method() + " " + e.pattern(), 1L, Long::sum));
    Log.infof(
        "TROVE_ECONOMY completed=%d posts=%d gets=%d (%.2f POST, %.2f GET per backup) %s",
        completed, posts, gets, posts / (double) completed, gets / (double) completed, byPattern);

    assertThat(completed).isGreaterThanOrEqualTo(BACKUPS);
    assertThat(posts / (double) completed).as("POSTs per completed backup").isLessThanOrEqualTo(1);
    assertThat(gets / (double) completed).as("GETs per completed backup").isLessThanOrEqualTo(5);
  }

  @Test
  void aParentDeletedBehindTheServicesBackIsReplacedByAFullBackup() {
    String project = Projects.create("economy-parent");
    TestInfrastructure.region().setBackupQuota(project, 1000);
    Policy policy = policies.setProjectDefault(project, everyTwoSeconds("0 0 0 1 1 ? 2099"));
    InstanceInfo instance = TestInfrastructure.region().createInstance(project, "parent-db");
    Target target = Targets.awaitInstance(targets, instance.id());
    Run first = awaitFinal(runService.createManual(target.id, project, policy.id).id);
    assertThat(first.state).isEqualTo(RunState.SUCCEEDED);
    assertThat(first.backupType).isEqualTo(BackupType.FULL);

    // The tenant deletes the backup in Trove itself; the service still records it COMPLETED.
    trove.deleteBackup(project, first.externalBackupId);
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> TestInfrastructure.region().backups(project).isEmpty());
    int from = TestInfrastructure.region().requests().entries().size();
    Run second = awaitFinal(runService.createManual(target.id, project, policy.id).id);

    assertThat(second.state).isEqualTo(RunState.SUCCEEDED);
    assertThat(second.backupType).isEqualTo(BackupType.FULL);
    assertThat(second.reasonCode).isEqualTo("FULL_FALLBACK");
    assertThat(second.reason).contains(first.externalBackupId).contains("missing");
    assertThat(TestInfrastructure.region().backups(project))
        .singleElement()
        .satisfies(b -> assertThat(b.parentId()).isNull());
    // the refused incremental POST (404) and the full one
    assertThat(troveRequests(project, from).stream().filter(e -> e.method().equals("POST")))
        .extracting(RequestLog.Entry::status)
        .containsExactly(404, 202);
  }

  private Run awaitFinal(long runId) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> Db.read(() -> runs.findById(runId)),
            r ->
                r.state == RunState.SUCCEEDED
                    || r.state == RunState.FAILED
                    || r.state == RunState.SKIPPED);
  }

  /** Every request of {@code project} on its Trove endpoint since entry {@code from}. */
  private static List<RequestLog.Entry> troveRequests(String project, int from) {
    List<RequestLog.Entry> all = TestInfrastructure.region().requests().entries();
    return all.subList(Math.min(from, all.size()), all.size()).stream()
        .filter(e -> project.equals(e.projectId()) && e.path().startsWith("/v1.0/"))
        .toList();
  }

  /** A full backup once a week, incrementals in between, none pruned during the test. */
  private static PolicySpec everyTwoSeconds(String cron) {
    PolicySpec base = Projects.cron(cron, 10, MissedRunPolicy.SKIP);
    return new PolicySpec(
        base.name(),
        base.scheduleKind(),
        base.cronExpression(),
        base.timeZone(),
        null,
        null,
        7,
        null,
        10,
        null,
        null,
        null,
        null,
        24,
        MissedRunPolicy.SKIP,
        null,
        null,
        null,
        false,
        null,
        null,
        null);
  }

  private long succeeded(List<Long> ids) {
    return Db.read(() -> runs.count("targetId in ?1 and state = ?2", ids, RunState.SUCCEEDED));
  }

  private long unfinished(List<Long> ids) {
    return Db.read(
        () ->
            runs.count(
                "targetId in ?1 and state in ?2",
                ids,
                List.of(RunState.PENDING, RunState.REQUESTED, RunState.RUNNING)));
  }
}
