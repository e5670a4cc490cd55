package dev.trovekeeper.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trovekeeper.demo.Fault;
import dev.trovekeeper.demo.InstanceInfo;
import dev.trovekeeper.testing.Db;
import dev.trovekeeper.testing.SqlStatements;
import dev.trovekeeper.testing.TestInfrastructure;
import dev.trovekeeper.trove.TroveException;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A reconcile pass works in pages much smaller than the fleet: the listing is applied as it is read
 * and what vanished is decided in SQL from the pass's stamp, not from a set of every listed id.
 */
@QuarkusTest
class ReconcilePassTest {

  @Inject ReconcileJob reconcile;
  @Inject TargetRepository targets;

  @Test
  void aPassInPagesOfThreeRegistersNewInstancesAndMarksExactlyTheVanishedOnes() {
    String project = project("pages");
    List<InstanceInfo> fleet = region().addInstancesSilently(project, "paged-db", 20);

    ReconcileReport first = reconcile.reconcileNow(3);
    assertThat(first.largestChunk()).isEqualTo(3);
    assertThat(statuses(project))
        .hasSize(20)
        .allSatisfy((id, s) -> assertThat(s).isEqualTo("ACTIVE"));

    // Trove loses every third one without a notification (a lost delete).
    Set<String> lost =
        fleet.stream()
            .filter(i -> fleet.indexOf(i) % 3 == 0)
            .map(InstanceInfo::id)
            .collect(Collectors.toSet());
    lost.forEach(id -> region().forgetInstance(project, id));
    ReconcileReport second = reconcile.reconcileNow(3);

    assertThat(second.largestChunk()).isEqualTo(3);
    assertThat(second.vanished()).isGreaterThanOrEqualTo(lost.size());
    statuses(project)
        .forEach(
            (id, status) ->
                assertThat(status)
                    .as(id)
                    .isEqualTo(lost.contains(id) ? Target.STATUS_VANISHED : "ACTIVE"));
  }

  @Test
  void aListingThatFailsPartwayMarksNothingVanished() {
    String project = project("partway");
    List<InstanceInfo> fleet = region().addInstancesSilently(project, "partway-db", 12);
    reconcile.reconcileNow(3);
    String lost = fleet.get(0).id();
    region().forgetInstance(project, lost);
    // A Trove that pages its admin listing, failing from the second page on (every retry too).
    region().setManagementListingPageSize(10);
    try {
      region().faults().failAfter(1, 4, "GET", "/mgmt/instances", Fault.unavailable());
      assertThatThrownBy(() -> reconcile.reconcileNow(3)).isInstanceOf(TroveException.class);
      region().faults().clear();
      assertThat(statuses(project)).containsEntry(lost, "ACTIVE").doesNotContainValue("VANISHED");

      reconcile.reconcileNow(3);
      statuses(project)
          .forEach(
              (id, status) ->
                  assertThat(status)
                      .as(id)
                      .isEqualTo(id.equals(lost) ? Target.STATUS_VANISHED : "ACTIVE"));
    } finally {
      region().faults().clear();
      region().setManagementListingPageSize(0);
    }
  }

  /**
   * Per page, a constant number of statements: one query and one stamp for a listing chunk of
   * unchanged instances, one query for a page of the vanish check; nothing per instance.
   */
  @Test
  void aPassOfUnchangedInstancesCostsAFewStatementsPerPageNotPerInstance() {
    String project = project("statements");
    region().addInstancesSilently(project, "counted-db", 30);
    reconcile.reconcileNow(10);
    String key = "reconcile-" + project;

    ReconcileReport report = SqlStatements.counting(key, () -> reconcile.reconcileNow(10));

    int changes = report.added() + report.updated() + report.vanished();
    assertThat(report.listed()).isGreaterThanOrEqualTo(30);
    assertThat(SqlStatements.count(key))
        .as(
            "statements of a pass over %d instances in %d pages",
            report.listed(), report.transactions())
        .isLessThanOrEqualTo(2L * report.transactions() + 4L * changes);
  }

  private static dev.trovekeeper.demo.DemoRegion region() {
    return TestInfrastructure.region();
  }

  private static String project(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private Map<String, String> statuses(String project) {
    return Db.read(
        () ->
            targets.listByProject(TargetKind.TROVE_INSTANCE, project).stream()
                .collect(Collectors.toMap(t -> t.externalId, t -> t.status)));
  }
}
