package dev.trovekeeper.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import dev.trovekeeper.events.EventTypes;
import dev.trovekeeper.events.OutboxRepository;
import dev.trovekeeper.inventory.Target;
import dev.trovekeeper.inventory.TargetRepository;
import dev.trovekeeper.operator.CoverageReport;
import dev.trovekeeper.operator.CoverageService;
import dev.trovekeeper.policy.MissedRunPolicy;
import dev.trovekeeper.protection.Protection;
import dev.trovekeeper.protection.ProtectionRepository;
import dev.trovekeeper.run.Run;
import dev.trovekeeper.run.RunRepository;
import dev.trovekeeper.run.RunState;
import dev.trovekeeper.run.RunTrigger;
import dev.trovekeeper.schedule.Schedule;
import dev.trovekeeper.schedule.ScheduleRepository;
import dev.trovekeeper.testing.Db;
import dev.trovekeeper.testing.Projects;
import dev.trovekeeper.testing.TestInfrastructure;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * What a suspension does to a dataset, on the real schedule engine, database and SMTP server: its
 * schedule stops firing, its queued scheduled runs end SKIPPED, its protection is SUSPENDED, the
 * owner gets one mail after commit, and resuming continues the schedule from then on without
 * catching up on the slots that passed.
 */
@QuarkusTest
class DatasetSuspensionTest {

  /** Every two seconds; RUN_ONCE would make a catch-up run for missed slots, if any were due. */
  static final String EVERY_TWO_SECONDS = "*/2 * * * * ?";

  @Inject DatasetSuspension suspension;
  @Inject TargetRepository targets;
  @Inject DatasetRepository datasets;
  @Inject ScheduleRepository schedules;
  @Inject RunRepository runs;
  @Inject OutboxRepository outbox;
  @Inject ProtectionRepository protection;
  @Inject EntityManager em;
  @Inject CoverageService coverage;

  private final GreenMail mail = TestInfrastructure.smtp().greenMail();

  @Test
  void suspendedDatasetStopsFiringSkipsQueuedRunsMailsOnceAndResumesWithoutBurst()
      throws Exception {
    String project = Projects.create("susp");
    String owner = "owner-" + project + "@keeper.test";
    TestDatasets.setOwner(project, owner);
    Target dataset =
        TestDatasets.create(
            project, "shop-orders", Projects.cron(EVERY_TWO_SECONDS, 3, MissedRunPolicy.RUN_ONCE));
    // The schedule fires while the dataset is active.
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> runsOf(dataset).size() >= 1);
    long queued = queueScheduledRun(dataset);

    assertThat(suspension.suspend(dataset.id, "SOURCE_UNAUTHORIZED", "401 from the source", "t"))
        .isTrue();
    Instant suspendedAt = Instant.now();
    assertThat(suspension.suspend(dataset.id, "SOURCE_UNAUTHORIZED", "again", "t")).isFalse();

    Run skipped = Db.read(() -> runs.findById(queued));
    assertThat(skipped.state).isEqualTo(RunState.SKIPPED);
    assertThat(skipped.reasonCode).isEqualTo("DATASET_SUSPENDED");
    assertThat(skipped.finishedAt).isNotNull();
    Schedule stopped = Db.read(() -> schedules.findByTarget(dataset.id).orElseThrow());
    assertThat(stopped.enabled).isFalse();
    assertThat(stopped.nextFireAt).isNull();
    // Not claimable at any time: the claim query itself leaves it out.
    List<Long> due =
        QuarkusTransaction.requiringNew()
            .call(() -> schedules.lockDue(Instant.now().plus(Duration.ofDays(365)), 100_000));
    assertThat(due).doesNotContain(stopped.id);
    assertThat(Db.read(() -> targets.findById(dataset.id).status)).isEqualTo("SUSPENDED");
    assertThat(Db.read(() -> datasets.findById(dataset.id).active)).isFalse();
    assertThat(protectionOf(dataset)).isEqualTo(Protection.SUSPENDED);
    assertThat(events(dataset, EventTypes.DATASET_SUSPENDED)).isEqualTo(1);
    // The operators' coverage report lists the dataset, suspended, and counts it per kind.
    CoverageReport report = coverage.report(project);
    assertThat(report.targets())
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.kind()).isEqualTo("DATASET");
              assertThat(row.id()).isEqualTo(dataset.externalId);
              assertThat(row.protection()).isEqualTo(Protection.SUSPENDED);
            });
    assertThat(report.totalsByKind().get("DATASET")).containsEntry(Protection.SUSPENDED, 1L);
    assertThat(report.totalsByKind().get("TROVE_INSTANCE")).containsEntry(Protection.SUSPENDED, 0L);

    // The owner is told once: which dataset, why, and how to resume.
    MimeMessage message =
        Awaitility.await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> mailsTo(owner), list -> !list.isEmpty())
            .get(0);
    String text = String.valueOf(message.getContent());
    assertThat(message.getSubject()).contains("shop-orders").contains("suspended");
    assertThat(text)
        .contains(dataset.externalId)
        .contains("SOURCE_UNAUTHORIZED")
        .contains("401 from the source")
        .contains("POST")
        .contains("http://keeper.test/v1/datasets/" + dataset.externalId + "/resume");

    // Three slots pass while suspended: no run is made for them (nor a second mail sent).
    Thread.sleep(6_000);
    assertThat(runsOf(dataset)).noneMatch(r -> r.createdAt.isAfter(suspendedAt));
    assertThat(mailsTo(owner)).hasSize(1);

    assertThat(suspension.resume(dataset.id, "t")).isTrue();
    Instant resumedAt = Instant.now();
    assertThat(suspension.resume(dataset.id, "t")).isFalse();
    assertThat(events(dataset, EventTypes.DATASET_RESUMED)).isEqualTo(1);
    Schedule resumed = Db.read(() -> schedules.findByTarget(dataset.id).orElseThrow());
    assertThat(resumed.enabled).isTrue();
    // The next slot is after the resume: none of the suspended period's slots is due.
    assertThat(resumed.nextFireAt).isAfter(resumedAt.minusMillis(1));
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> runsOf(dataset).stream().anyMatch(r -> r.createdAt.isAfter(resumedAt)));
    List<Run> after =
        runsOf(dataset).stream().filter(r -> r.createdAt.isAfter(suspendedAt)).toList();
    assertThat(after).allMatch(r -> r.trigger == RunTrigger.SCHEDULED, "no catch-up or backfill");
    assertThat(after).allMatch(r -> r.slotAt.isAfter(resumedAt.minusMillis(1)));
    assertThat(protectionOf(dataset)).isNotEqualTo(Protection.SUSPENDED);
  }

  @Test
  void aRolledBackSuspensionChangesNothingAndMailsNobody() {
    String project = Projects.create("susp-rb");
    Target dataset = TestDatasets.create(project, "rolled-back", null);

    // The caller's transaction fails after the suspension: all of it rolls back.
    assertThatThrownBy(
            () ->
                QuarkusTransaction.requiringNew()
                    .run(
                        () -> {
                          assertThat(suspension.suspend(dataset.id, "TENANT_INACTIVE", "test", "t"))
                              .isTrue();
                          throw new IllegalStateException("later step failed");
                        }))
        .hasStackTraceContaining("later step failed");

    assertThat(Db.read(() -> datasets.findById(dataset.id).active)).isTrue();
    assertThat(Db.read(() -> targets.findById(dataset.id).status)).isEqualTo("ACTIVE");
    assertThat(events(dataset, EventTypes.DATASET_SUSPENDED)).isZero();
    assertThat(mailRows(dataset)).isZero();
  }

  @Test
  void aMailThatCannotBeSentIsRetriedAndTheSuspensionStays() {
    String project = Projects.create("susp-nomail"); // nobody recorded as its owner
    Target dataset = TestDatasets.create(project, "no-owner", null);

    assertThat(suspension.suspend(dataset.id, "TENANT_INACTIVE", "test", "t")).isTrue();

    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> mailAttempts(dataset) >= 1);
    Object[] row = mailRow(dataset);
    assertThat(row[0]).isEqualTo("PENDING"); // tried again later
    assertThat((String) row[1]).contains("no owner e-mail");
    assertThat(Db.read(() -> datasets.findById(dataset.id).active)).isFalse();
    assertThat(Db.read(() -> targets.findById(dataset.id).status)).isEqualTo("SUSPENDED");
  }

  /** A scheduled run waiting in the queue (not due for an hour), never started. */
  private long queueScheduledRun(Target dataset) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              Instant now = Instant.now();
              Run run = new Run();
              run.targetId = dataset.id;
              run.projectId = dataset.projectId;
              run.slotAt = Instant.parse("2001-01-01T00:00:00Z");
              run.trigger = RunTrigger.SCHEDULED;
              run.state = RunState.PENDING;
              run.progressPhase = "queued";
              run.nextAttemptAt = now.plus(Duration.ofHours(1));
              run.createdAt = now;
              run.updatedAt = now;
              runs.persist(run);
              return run.id;
            });
  }

  private List<Run> runsOf(Target dataset) {
    return Db.read(
        () ->
            runs.list(
                "targetId = ?1 and slotAt > ?2",
                dataset.id,
                Instant.parse("2002-01-01T00:00:00Z")));
  }

  private Protection protectionOf(Target dataset) {
    return Db.read(
        () -> protection.forTargets(List.of(dataset.id)).get(0).protection(Instant.now()));
  }

  private long events(Target dataset, String type) {
    return Db.read(
        () ->
            outbox.count(
                "subject = ?1 and eventType = ?2", EventTypes.targetSubject(dataset.id), type));
  }

  private List<MimeMessage> mailsTo(String address) {
    return Arrays.stream(mail.getReceivedMessages())
        .filter(
            m -> {
              try {
                return Arrays.stream(m.getAllRecipients())
                    .anyMatch(a -> a.toString().equals(address));
              } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
              }
            })
        .toList();
  }

  private long mailRows(Target dataset) {
    return Db.read(
        () ->
            ((Number)
                    em.createNativeQuery(
                            "SELECT COUNT(*) FROM suspension_mails WHERE target_id = ?1")
                        .setParameter(1, dataset.id)
                        .getSingleResult())
                .longValue());
  }

  private int mailAttempts(Target dataset) {
    return Db.read(
        () ->
            ((Number)
                    em.createNativeQuery(
                            "SELECT COALESCE(MAX(attempts), 0) FROM suspension_mails"
                                + " WHERE target_id = ?1")
                        .setParameter(1, dataset.id)
                        .getSingleResult())
                .intValue());
  }

  private Object[] mailRow(Target dataset) {
    return Db.read(
        () ->
            (Object[])
                em.createNativeQuery(
                        "SELECT status, last_error FROM suspension_mails WHERE target_id = ?1")
                    .setParameter(1, dataset.id)
                    .getSingleResult());
  }
}
