package dev.trovekeeper.events;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trovekeeper.inventory.DiscoverySource;
import dev.trovekeeper.inventory.Target;
import dev.trovekeeper.inventory.TargetKind;
import dev.trovekeeper.policy.Policy;
import dev.trovekeeper.policy.PolicyScope;
import dev.trovekeeper.policy.ScheduleKind;
import dev.trovekeeper.run.Artifact;
import dev.trovekeeper.run.ArtifactOrigin;
import dev.trovekeeper.run.BackupType;
import dev.trovekeeper.testing.Management;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Gauges come from the database, RPO breaches are reported once, counters from the engines. */
@QuarkusTest
class BackupMetricsTest {

  @Inject EntityManager em;
  @Inject MetricsJob job;
  @Inject BackupMetrics metrics;
  @Inject OutboxRepository outbox;

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final String project = "metrics-" + run;
  private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  @Test
  void refreshPublishesRecoveryPointsAndReportsABreachOnce() {
    Instant recent = now.minus(Duration.ofMinutes(10));
    Instant old = now.minus(Duration.ofHours(3));
    long fresh = QuarkusTransaction.requiringNew().call(() -> target("fresh", recent, old));
    long stale = QuarkusTransaction.requiringNew().call(() -> target("stale", old, null));
    QuarkusTransaction.requiringNew().run(() -> target("never", null, null));
    QuarkusTransaction.requiringNew().run(() -> projectPolicy(60));

    job.refreshNow();
    job.refreshNow();

    String scrape =
        given()
            .when()
            .get(Management.url("/q/metrics"))
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(value(scrape, "trove_keeper_last_success_timestamp_seconds", "fresh"))
        .isEqualTo(recent.getEpochSecond());
    assertThat(value(scrape, "trove_keeper_last_success_timestamp_seconds", "stale"))
        .isEqualTo(old.getEpochSecond());
    assertThat(value(scrape, "trove_keeper_recovery_point_age_seconds", "stale"))
        .isBetween(3 * 3600.0, 3 * 3600.0 + 120);
    assertThat(scrape).doesNotContain("target=\"never-" + run + "\"");
    assertThat(projectTargets(scrape, "protected")).isEqualTo(1);
    assertThat(projectTargets(scrape, "stale")).isEqualTo(1);
    assertThat(projectTargets(scrape, "pending_first_backup")).isEqualTo(1);
    assertThat(scrape)
        .contains("trove_keeper_run_queue_depth")
        .contains("trove_keeper_runs_active")
        .contains("trove_keeper_outbox_pending");
    assertThat(breaches(stale)).isEqualTo(1);
    assertThat(breaches(fresh)).isZero();
  }

  @Test
  void aNewerBackupClearsTheBreachSoTheNextOneIsReportedAgain() {
    Instant old = now.minus(Duration.ofHours(3));
    long id = QuarkusTransaction.requiringNew().call(() -> target("recovering", old, null));
    QuarkusTransaction.requiringNew().run(() -> targetPolicy(id, 60));
    job.refreshNow();
    assertThat(breaches(id)).isEqualTo(1);

    String newer = QuarkusTransaction.requiringNew().call(() -> artifact(id, now.minusSeconds(5)));
    job.refreshNow();
    assertThat(breaches(id)).as("a cleared breach is not reported").isEqualTo(1);

    QuarkusTransaction.requiringNew()
        .run(
            () ->
                em.createQuery("update Artifact set status = 'DELETED' where externalId = ?1")
                    .setParameter(1, newer)
                    .executeUpdate());
    job.refreshNow();
    job.refreshNow();
    assertThat(breaches(id)).as("the next breach is reported again, once").isEqualTo(2);
  }

  @Test
  void finishedRunsAndScheduleLatenessAreCounted() {
    metrics.runFinished("SUCCEEDED", project);
    metrics.runFinished("SUCCEEDED", project);
    metrics.fireLateness(Duration.ofMillis(250));

    String scrape =
        given()
            .when()
            .get(Management.url("/q/metrics"))
            .then()
            .statusCode(200)
            .extract()
            .asString();
    Matcher runs =
        Pattern.compile(
                "trove_keeper_runs_total\\{[^}]*outcome=\"SUCCEEDED\",project=\""
                    + project
                    + "\"[^}]*} (\\S+)")
            .matcher(scrape);
    assertThat(runs.find()).as(scrape).isTrue();
    assertThat(Double.parseDouble(runs.group(1))).isEqualTo(2.0);
    assertThat(scrape).containsPattern("trove_keeper_schedule_lateness_seconds\\{[^}]*quantile=");
    assertThat(scrape).containsPattern("trove_keeper_schedule_lateness_seconds_count(\\{[^}]*})? ");
  }

  private long target(String name, Instant lastBackup, Instant olderBackup) {
    Target t = new Target();
    t.kind = TargetKind.TROVE_INSTANCE;
    t.projectId = project;
    t.externalId = name + "-" + run;
    t.name = name;
    t.status = "ACTIVE";
    t.discoveredBy = DiscoverySource.API;
    t.createdAt = now.minus(Duration.ofMinutes(30));
    t.updatedAt = t.createdAt;
    em.persist(t);
    em.flush();
    if (lastBackup != null) {
      artifact(t.id, lastBackup);
    }
    if (olderBackup != null) {
      artifact(t.id, olderBackup);
    }
    return t.id;
  }

  private String artifact(long targetId, Instant takenAt) {
    Artifact a = new Artifact();
    a.targetId = targetId;
    a.projectId = project;
    a.externalId = UUID.randomUUID().toString();
    a.backupType = BackupType.FULL;
    a.origin = ArtifactOrigin.SCHEDULED;
    a.status = "COMPLETED";
    a.createdAt = takenAt;
    a.completedAt = takenAt.plusSeconds(60);
    a.updatedAt = a.completedAt;
    em.persist(a);
    return a.externalId;
  }

  private void projectPolicy(int rpoMinutes) {
    Policy p = policy(PolicyScope.PROJECT, "PROJECT:" + project, rpoMinutes);
    p.projectId = project;
    em.persist(p);
  }

  private void targetPolicy(long targetId, int rpoMinutes) {
    Policy p = policy(PolicyScope.TARGET, "TARGET:" + targetId, rpoMinutes);
    p.projectId = project;
    p.targetId = targetId;
    em.persist(p);
  }

  private Policy policy(PolicyScope scope, String key, int rpoMinutes) {
    Policy p = new Policy();
    p.scope = scope;
    p.scopeKey = key;
    p.name = key;
    p.scheduleKind = ScheduleKind.CRON;
    p.cronExpression = "0 2 * * *";
    p.timeZone = "UTC";
    p.rpoTargetMinutes = rpoMinutes;
    p.createdAt = now;
    p.updatedAt = now;
    return p;
  }

  private long breaches(long targetId) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                outbox.count(
                    "subject = ?1 and eventType = ?2",
                    EventTypes.targetSubject(targetId),
                    EventTypes.RPO_BREACHED));
  }

  private double value(String scrape, String metric, String name) {
    Matcher m =
        Pattern.compile(
                metric
                    + "\\{kind=\"TROVE_INSTANCE\",project=\""
                    + project
                    + "\",target=\""
                    + name
                    + "-"
                    + run
                    + "\"} (\\S+)")
            .matcher(scrape);
    assertThat(m.find()).as("%s of %s in%n%s", metric, name, scrape).isTrue();
    return Double.parseDouble(m.group(1));
  }

  private double projectTargets(String scrape, String status) {
    Matcher m =
        Pattern.compile(
                "trove_keeper_targets\\{project=\""
                    + project
                    + "\",status=\""
                    + status
                    + "\"} (\\S+)")
            .matcher(scrape);
    assertThat(m.find()).as("targets %s in%n%s", status, scrape).isTrue();
    return Double.parseDouble(m.group(1));
  }
}
