package dev.trovekeeper.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trovekeeper.boot.EmbeddedDatabase;
import dev.trovekeeper.demo.BackupInfo;
import dev.trovekeeper.demo.DemoRegion;
import dev.trovekeeper.demo.DemoRegionSettings;
import dev.trovekeeper.demo.DemoSeed;
import dev.trovekeeper.demo.Fault;
import dev.trovekeeper.demo.NotificationSink;
import dev.trovekeeper.testing.ScratchDirs;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two replicas of the packaged service on one MariaDB: 50 instances due in the same second get
 * exactly 50 Trove backups; one replica is killed (SIGKILL) while the backups run, the runs it was
 * stepping are taken over once their lease runs out, and the other finishes every run, with no
 * backup name posted twice.
 */
class ReplicaFailoverIT {

  private static final String PROJECT = "it-fleet";
  private static final int INSTANCES = 50;

  private EmbeddedDatabase db;
  private Path dbDir;
  private DemoRegion region;

  @BeforeEach
  void start() throws Exception {
    Path dir = Files.createDirectories(Path.of("target", "it-work"));
    dbDir = Files.createTempDirectory(dir, "db-");
    db = EmbeddedDatabase.start(dbDir.resolve("db"));
    region =
        DemoRegion.start(
            DemoRegionSettings.builder()
                .instanceBuildDelay(Duration.ofMillis(100))
                .backupStartDelay(Duration.ofSeconds(2))
                .backupBuildDelay(Duration.ofSeconds(12))
                .rateLimitPerMinute(0)
                .build(),
            NotificationSink.NONE);
    region.addProject(PROJECT, PROJECT);
    // Room for what the project policy keeps (6 per instance, in flight included) across 50.
    region.setBackupQuota(PROJECT, 1_000);
    // Trove takes its time answering each backup POST (well within the client's 5 s timeout).
    region
        .faults()
        .failNext(INSTANCES, "POST", "/backups", PROJECT, Fault.hang(Duration.ofMillis(1500)));
    region.grant(DemoSeed.KEEPER_USER_ID, PROJECT, DemoSeed.ROLE_ADMIN);
    for (int i = 0; i < INSTANCES; i++) {
      region.createInstance(PROJECT, "fleet-" + i);
    }
  }

  @AfterEach
  void stop() {
    region.close();
    db.stop();
    ScratchDirs.delete(dbDir);
  }

  @Test
  void aFleetDueAtOnceIsBackedUpExactlyOnceAcrossAReplicaCrash() throws Exception {
    // Both replicas start together on a global default that does not fire during the test; once
    // both serve and the fleet is registered, the project policy moves every instance to one
    // slot a few seconds ahead (a cron firing once), so the wait does not depend on how long
    // the replicas take to start on a loaded machine.
    Map<String, String> env = replicaEnv(AppProcess.dailyCronFarFromNow());

    Instant started = Instant.now();
    try (AppProcess a = AppProcess.start(env);
        AppProcess b = AppProcess.start(env)) {
      AppProcess[] replicas = {a, b};
      a.awaitReady(Duration.ofSeconds(180));
      b.awaitReady(Duration.ofSeconds(180));
      Duration ready = Duration.between(started, Instant.now());
      await(
          "a schedule for each of the " + INSTANCES + " instances",
          Duration.ofSeconds(120),
          Duration.ofMillis(100),
          () -> count(projectSchedules("s.next_fire_at IS NOT NULL")) == INSTANCES,
          replicas);
      // A few seconds ahead: the PUT below points every schedule at the slot before it answers.
      Instant slot = Instant.now().plusSeconds(8).truncatedTo(ChronoUnit.SECONDS);
      String token =
          region.issueToken(DemoSeed.KEEPER_USER, DemoSeed.KEEPER_PASSWORD, PROJECT).orElseThrow();
      HttpResponse<String> put = a.put("/v1/project/policy", token, oncePolicy(slot));
      assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

      // Both replicas claim due schedules and step runs; whichever replica fires a schedule steps
      // its run first, so one replica may hold every run while the other holds none. Kill the
      // replica that is stepping runs while the backups build (each POST takes Trove 1.5 s here,
      // so a replica holds leases for a while); the other must finish everything.
      AppProcess[] victim = new AppProcess[1];
      await(
          "at least " + INSTANCES / 2 + " runs in flight while a replica holds a lease",
          Duration.ofSeconds(240),
          Duration.ofMillis(20),
          () -> {
            if (count(projectRuns("state IN ('REQUESTED', 'RUNNING')")) < INSTANCES / 2) {
              return false;
            }
            for (AppProcess replica : List.of(a, b)) {
              if (count(projectRuns(heldBy(replica))) > 0) {
                victim[0] = replica;
                return true;
              }
            }
            return false;
          },
          replicas);
      AppProcess killedReplica = victim[0];
      AppProcess survivor = killedReplica == a ? b : a;
      killedReplica.kill();
      Instant killed = Instant.now();

      // The runs the dead replica was stepping are taken over within one lease (10 s here).
      String held =
          projectRuns(heldBy(killedReplica) + " AND state IN ('PENDING', 'REQUESTED', 'RUNNING')");
      long heldAtCrash = count(held);
      await(
          "the runs held by the killed replica " + killedReplica.pid() + " taken over",
          Duration.ofSeconds(120),
          Duration.ofMillis(200),
          () -> count(held) == 0,
          replicas);
      Duration takenOver = Duration.between(killed, Instant.now());

      await(
          "all " + INSTANCES + " runs SUCCEEDED",
          Duration.ofSeconds(180),
          Duration.ofMillis(100),
          () -> count(projectRuns("state = 'SUCCEEDED'")) == INSTANCES,
          replicas);
      System.out.printf(
          "ReplicaFailoverIT: replicas ready after %d ms; slot %s, replica killed %d ms after it"
              + " holding %d runs, taken over after %d ms, all succeeded %d ms after the slot;"
              + " runs (attempts | reason | count | longest s): %s%n",
          ready.toMillis(),
          slot,
          Duration.between(slot, killed).toMillis(),
          heldAtCrash,
          takenOver.toMillis(),
          Duration.between(slot, Instant.now()).toMillis(),
          rows("SELECT attempts, COALESCE(reason_code, '-'), COUNT(*),"
                  + " MAX(TIMESTAMPDIFF(SECOND, created_at, finished_at)) FROM runs"
                  + " WHERE project_id = '"
                  + PROJECT
                  + "' GROUP BY 1, 2 ORDER BY 1, 2")
              .strip()
              .replace("\n", "; "));
      assertThat(count(projectRuns("1 = 1"))).as(() -> seen(replicas)).isEqualTo(INSTANCES);
      assertThat(survivor.output()).doesNotContain("Exception in thread");
    }

    List<BackupInfo> backups = region.backups(PROJECT);
    assertThat(backups).hasSize(INSTANCES);
    Set<String> names = new HashSet<>();
    backups.forEach(backup -> assertThat(names.add(backup.name())).as(backup.name()).isTrue());
    // tk-<runId>, or tk-<runId>-<attempt> when a run had to post again (e.g. its replica died
    // after choosing the name but before the POST): still one backup per run.
    assertThat(names).allMatch(name -> name.matches("tk-\\d+(-\\d+)?"));
    assertThat(names.stream().map(name -> name.split("-")[1]).distinct()).hasSize(INSTANCES);
    assertThat(backups).allMatch(backup -> "COMPLETED".equals(backup.status()));
    long posts =
        region.requests().entries().stream()
            .filter(e -> e.method().equals("POST") && e.pattern().equals("/backups"))
            .filter(e -> PROJECT.equals(e.projectId()))
            .count();
    assertThat(posts).isEqualTo(INSTANCES);
  }

  private Map<String, String> replicaEnv(String cron) {
    Map<String, String> env = AppProcess.externalEnv(db, region);
    env.put("KEEPER_POLICY_GLOBAL_DEFAULT_CRON", cron);
    env.put("KEEPER_INVENTORY_RECONCILE_INTERVAL", "3s");
    env.put("KEEPER_INVENTORY_RECONCILE_DELAY", "1s");
    env.put("KEEPER_RUN_FLEET_CONCURRENCY", "100");
    env.put("KEEPER_RUN_PROJECT_CONCURRENCY", "100");
    // A lease of 10 s (30 s by default), renewed every 3 s while a step lasts: the dead
    // replica's runs are taken over 10 s after its last renewal.
    env.put("KEEPER_RUN_LEASE", "10s");
    env.put("KEEPER_RUN_LEASE_RENEWAL", "3s");
    // 5 s: the 1.5 s POSTs must not time out on a loaded machine (with 2 s they did: the POST
    // breaker opened and the runs waited for its 30 s cool-down, in flight too few at once).
    env.put("KEEPER_OPENSTACK_TIMEOUT", "5s");
    env.put("KEEPER_OPENSTACK_BREAKER_COOL_DOWN", "5s");
    env.put("KEEPER_OPENSTACK_RETRY_MAX_ATTEMPTS", "2");
    env.put("KEEPER_OPENSTACK_RETRY_BASE_DELAY", "100ms");
    env.put("KEEPER_OPENSTACK_RETRY_MAX_DELAY", "1s");
    env.put("KEEPER_RUN_POLL_BASE_DELAY", "1s");
    env.put("KEEPER_RUN_POLL_MAX_DELAY", "2s");
    env.put("KEEPER_SCHEDULE_MISFIRE_THRESHOLD", "60s");
    // The project policy's slot comes before any first backup.
    env.put("KEEPER_SCHEDULE_FIRST_BACKUP_DELAY", "1h");
    return env;
  }

  /** A project policy whose backups are all full and fire once, at {@code slot}. */
  private static String oncePolicy(Instant slot) {
    return """
        {"name": "once", "scheduleKind": "CRON", "cronExpression": "%s", "timeZone": "UTC",
         "fullIntervalDays": 0, "keepLast": 5, "missedRunPolicy": "RUN_ONCE"}
        """
        .formatted(onceAt(slot));
  }

  /**
   * Waits for {@code condition}; on a timeout fails with what the database and the replicas showed,
   * so that a failure on a loaded machine can be told apart from a lost run.
   */
  private void await(
      String what,
      Duration atMost,
      Duration poll,
      Callable<Boolean> condition,
      AppProcess... replicas) {
    try {
      Awaitility.await().atMost(atMost).pollInterval(poll).until(condition);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "no " + what + " within " + atMost + "; seen:\n" + seen(replicas), e);
    }
  }

  /** The project's runs by state, lease holder and reason, the unfinished ones, the logs' ends. */
  private String seen(AppProcess... replicas) {
    String runs = " FROM runs WHERE project_id = '" + PROJECT + "'";
    StringBuilder seen = new StringBuilder();
    seen.append("database time ").append(rows("SELECT NOW(6)"));
    seen.append("schedules with a next slot: ")
        .append(rows(projectSchedules("s.next_fire_at IS NOT NULL")));
    seen.append("runs by state: ").append(rows("SELECT state, COUNT(*)" + runs + " GROUP BY 1"));
    seen.append("runs by lease holder and state: ")
        .append(
            rows(
                "SELECT COALESCE(claimed_by, '-'), state, COUNT(*)"
                    + runs
                    + " GROUP BY 1, 2 ORDER BY 1, 2"));
    seen.append("runs by reason: ")
        .append(rows("SELECT COALESCE(reason_code, '-'), COUNT(*)" + runs + " GROUP BY 1"));
    seen.append("unfinished runs (id, state, attempts, holder, lease end, next attempt, reason):\n")
        .append(
            rows(
                "SELECT id, state, attempts, claimed_by, claim_expires_at, next_attempt_at,"
                    + " reason_code, LEFT(reason, 120)"
                    + runs
                    + " AND state NOT IN ('SUCCEEDED', 'FAILED', 'SKIPPED', 'CANCELLED')"
                    + " ORDER BY id LIMIT 60"));
    for (AppProcess replica : replicas) {
      seen.append("replica ")
          .append(replica.pid())
          .append(replica.alive() ? "" : " (ended)")
          .append(", last log lines:\n")
          .append(replica.lastLines(40))
          .append('\n');
    }
    return seen.toString();
  }

  /** Every row of {@code sql}, one line each (columns separated by " | "), or why it failed. */
  private String rows(String sql) {
    StringBuilder rows = new StringBuilder();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), EmbeddedDatabase.USER, null);
        ResultSet rs = c.createStatement().executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        for (int i = 1; i <= columns; i++) {
          rows.append(i > 1 ? " | " : "").append(rs.getString(i));
        }
        rows.append('\n');
      }
    } catch (SQLException e) {
      rows.append("(not read: ").append(e.getMessage()).append(")\n");
    }
    return rows.toString();
  }

  private static String projectSchedules(String condition) {
    return "SELECT COUNT(*) FROM schedules s JOIN targets t ON t.id = s.target_id"
        + " WHERE t.project_id = '"
        + PROJECT
        + "' AND "
        + condition;
  }

  /** A Quartz cron that fires once, at {@code slot} (UTC). */
  private static String onceAt(Instant slot) {
    ZonedDateTime t = slot.atZone(ZoneOffset.UTC);
    return "%d %d %d %d %d ? %d"
        .formatted(
            t.getSecond(),
            t.getMinute(),
            t.getHour(),
            t.getDayOfMonth(),
            t.getMonthValue(),
            t.getYear());
  }

  private static String heldBy(AppProcess replica) {
    return "claimed_by LIKE '" + replica.pid() + "@%'";
  }

  private static String projectRuns(String condition) {
    return "SELECT COUNT(*) FROM runs WHERE project_id = '" + PROJECT + "' AND " + condition;
  }

  private long count(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), EmbeddedDatabase.USER, null);
        ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
