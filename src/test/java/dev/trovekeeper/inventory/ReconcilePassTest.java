package dev.trovekeeper.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trovekeeper.boot.EmbeddedDatabase;
import dev.trovekeeper.demo.Fault;
import dev.trovekeeper.demo.InstanceInfo;
import dev.trovekeeper.testing.Db;
import dev.trovekeeper.testing.MariaDbTestResource;
import dev.trovekeeper.testing.SqlStatements;
import dev.trovekeeper.testing.TestInfrastructure;
import dev.trovekeeper.trove.TroveException;
import dev.trovekeeper.trove.TroveInstance;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
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

  /**
   * Replicas that start together register the same fleet at once, and InnoDB answers one of the two
   * chunks with a deadlock (1213), again and again while the other transaction stays open. Here
   * another transaction locks the chunk's targets in the opposite order three times in a row (it
   * has changed more rows, so the chunk is the victim each time); the chunk is applied on a later
   * attempt, once that transaction commits, and the pass goes on.
   */
  @Test
  void aChunkChosenAsDeadlockVictimThreeTimesInARowIsAppliedOnceTheOtherTransactionCommits()
      throws Exception {
    String project = project("deadlock");
    // a, b, c, d: ids and the unique index in the same order, so the chunk locks them in it
    List<TroveInstance> fleet =
        IntStream.range(0, 4).mapToObj(i -> instance(project, "dl-" + i, "ACTIVE")).toList();
    reconcile.applyChunk(fleet, Instant.now());
    String filler = project("filler");
    reconcile.applyChunk(
        IntStream.range(0, 20).mapToObj(i -> instance(filler, "fill-" + i, "ACTIVE")).toList(),
        Instant.now());
    // the next listing: a, b and c changed (one UPDATE each, in that order), d only stamped
    List<TroveInstance> listing =
        fleet.stream()
            .map(i -> i.name().endsWith("-3") ? i : instance(project, i.name(), "BACKUP"))
            .toList();
    Instant pass = Instant.now().truncatedTo(ChronoUnit.MICROS);

    try (Connection other = connect();
        Connection observer = connect()) {
      other.setAutoCommit(false);
      long otherThread = threadId(other);
      // heavier than the chunk: InnoDB rolls back the transaction that changed fewer rows
      update(other, "UPDATE targets SET updated_at = NOW(6) WHERE project_id = ?", filler);
      lock(other, fleet.get(3));
      CompletableFuture<ReconcileReport> chunk =
          CompletableFuture.supplyAsync(() -> reconcile.applyChunk(listing, pass));
      for (int victim = 2; victim >= 0; victim--) {
        awaitWaiting(observer, otherThread, chunk);
        assertThat(chunk).as("the chunk, deadlocked %d times", 2 - victim).isNotDone();
        lock(other, fleet.get(victim)); // closes the cycle: the chunk is rolled back
      }
      awaitWaiting(observer, otherThread, chunk);
      assertThat(chunk).as("the chunk after three deadlocks").isNotDone();
      other.commit();

      ReconcileReport report = chunk.get(30, TimeUnit.SECONDS);
      assertThat(report.updated()).isEqualTo(3);
    }
    assertThat(statuses(project))
        .containsOnlyKeys(fleet.stream().map(TroveInstance::id).toList())
        .allSatisfy(
            (id, status) ->
                assertThat(status).isEqualTo(id.equals(fleet.get(3).id()) ? "ACTIVE" : "BACKUP"));
    assertThat(
            Db.read(() -> targets.count("projectId = ?1 and listedInPassAt = ?2", project, pass)))
        .isEqualTo(4);
  }

  private static TroveInstance instance(String project, String name, String status) {
    return new TroveInstance(
        project + "-" + name, project, name, status, "mysql", "8.0", "RegionOne");
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection(
        MariaDbTestResource.database().jdbcUrl(), EmbeddedDatabase.USER, "");
  }

  private static long threadId(Connection connection) throws SQLException {
    try (ResultSet rs = connection.createStatement().executeQuery("SELECT CONNECTION_ID()")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void lock(Connection connection, TroveInstance instance) throws SQLException {
    update(
        connection,
        "UPDATE targets SET updated_at = NOW(6) WHERE kind = 'TROVE_INSTANCE'"
            + " AND external_id = ?",
        instance.id());
  }

  private static void update(Connection connection, String sql, String value) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, value);
      statement.executeUpdate();
    }
  }

  /** Until a statement on targets of another connection waits for a lock (or the chunk ended). */
  private static void awaitWaiting(
      Connection observer, long otherThread, CompletableFuture<?> chunk) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> {
              if (chunk.isDone()) {
                return true;
              }
              try (PreparedStatement waiting =
                  observer.prepareStatement(
                      "SELECT COUNT(*) FROM information_schema.INNODB_TRX"
                          + " WHERE trx_state = 'LOCK WAIT' AND trx_mysql_thread_id <> ?"
                          + " AND LOWER(trx_query) LIKE '%targets%'")) {
                waiting.setLong(1, otherThread);
                try (ResultSet rs = waiting.executeQuery()) {
                  rs.next();
                  return rs.getLong(1) > 0;
                }
              }
            });
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
