package dev.trovekeeper.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trovekeeper.demo.InstanceInfo;
import dev.trovekeeper.demo.RequestLog;
import dev.trovekeeper.inventory.InventoryService;
import dev.trovekeeper.inventory.TargetKind;
import dev.trovekeeper.policy.MissedRunPolicy;
import dev.trovekeeper.policy.Policy;
import dev.trovekeeper.policy.PolicyService;
import dev.trovekeeper.testing.Db;
import dev.trovekeeper.testing.Projects;
import dev.trovekeeper.testing.TestInfrastructure;
import dev.trovekeeper.trove.TroveInstance;
import io.quarkus.logging.Log;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.PessimisticLockException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A whole project due at once under Trove's per-tenant rate limits: every backup completes and
 * Trove refuses nothing, because the client keeps the project under the limit and spends few calls
 * per backup (issue 12). Trove's default case (200 instances, 200 requests a minute per verb) is
 * scaled down 1:5 to keep the test short: 40 instances, the demo region enforcing 40 requests a
 * minute per verb on this project. The client's own limiter is set to Trove's default (200) in
 * tests, above this region's, so here the economy of calls is what keeps the project under the
 * limit; {@code TroveClientTest} shows the limiter holding a burst larger than a minute's worth.
 */
@QuarkusTest
class ProjectBurstTest {

  private static final int INSTANCES = 40;

  @Inject PolicyService policies;
  @Inject InventoryService inventory;
  @Inject RunService runService;
  @Inject RunRepository runs;

  @Test
  void aWholeProjectDueTogetherCompletesWithoutARateLimitRefusal() {
    var region = TestInfrastructure.region();
    String project = Projects.create("burst");
    region.setBackupQuota(project, -1);
    region.setRateLimit(project, INSTANCES);
    region.setBackupBuildDelay(project, Duration.ZERO); // fast: only the start delay remains
    Policy policy =
        policies.setProjectDefault(
            project, Projects.cron("0 0 0 1 1 ? 2099", 3, MissedRunPolicy.RUN_ONCE));
    List<TroveInstance> listed = new ArrayList<>();
    for (InstanceInfo i : region.addInstancesSilently(project, "burst", INSTANCES)) {
      listed.add(new TroveInstance(i.id(), project, i.name(), "ACTIVE", "mysql", "8.0", "r"));
    }
    inventory.reconcileChunk(listed);
    int from = region.requests().entries().size();

    List<Long> ids = new ArrayList<>();
    for (TroveInstance i : listed) {
      long targetId = inventory.findTarget(TargetKind.TROVE_INSTANCE, i.id()).orElseThrow().id;
      ids.add(createManual(targetId, project, policy.id));
    }
    Awaitility.await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> finished(ids) == INSTANCES);

    List<RequestLog.Entry> all = region.requests().entries();
    List<RequestLog.Entry> trove =
        all.subList(Math.min(from, all.size()), all.size()).stream()
            .filter(e -> project.equals(e.projectId()) && e.path().startsWith("/v1.0/"))
            .toList();
    long refused = trove.stream().filter(e -> e.status() == 413).count();
    Log.infof(
        "PROJECT_BURST instances=%d requests=%d (POST %d, GET %d) refused=%d",
        INSTANCES,
        trove.size(),
        trove.stream().filter(e -> e.method().equals("POST")).count(),
        trove.stream().filter(e -> e.method().equals("GET")).count(),
        refused);
    assertThat(succeeded(ids)).isEqualTo(INSTANCES);
    assertThat(refused).as("413 overLimit answers").isZero();
  }

  /** A manual run; its insert may meet a run worker's locks (deadlock, 1213): try again. */
  private long createManual(long targetId, String project, long policyId) {
    for (int attempt = 1; ; attempt++) {
      try {
        return runService.createManual(targetId, project, policyId).id;
      } catch (PessimisticLockException e) {
        if (attempt == 3) {
          throw e;
        }
      }
    }
  }

  private long finished(List<Long> ids) {
    return Db.read(
        () ->
            runs.count(
                "id in ?1 and state in ?2",
                ids,
                List.of(RunState.SUCCEEDED, RunState.FAILED, RunState.SKIPPED)));
  }

  private long succeeded(List<Long> ids) {
    return Db.read(() -> runs.count("id in ?1 and state = ?2", ids, RunState.SUCCEEDED));
  }
}
