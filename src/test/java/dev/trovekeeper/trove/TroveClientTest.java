package dev.trovekeeper.trove;

import static dev.trovekeeper.demo.DemoSeed.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trovekeeper.config.Secret;
import dev.trovekeeper.demo.DemoRegion;
import dev.trovekeeper.demo.DemoRegionSettings;
import dev.trovekeeper.demo.Fault;
import dev.trovekeeper.demo.NotificationSink;
import dev.trovekeeper.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link TroveClient} against the demo region (plain JUnit, no Quarkus). */
class TroveClientTest {

  private static final String UNKNOWN = "00000000-0000-0000-0000-000000000000";

  private final TestOpenStackConfig config = new TestOpenStackConfig();
  private DemoRegion region;
  private KeystoneSession keystone;
  private TroveClient client;

  @AfterEach
  void stopRegion() {
    if (region != null) {
      region.close();
    }
  }

  private void start(UnaryOperator<DemoRegionSettings.Builder> settings) {
    var builder = DemoRegionSettings.builder().allDelays(Duration.ofMillis(200));
    region = DemoRegion.start(settings.apply(builder).build(), NotificationSink.NONE);
    connect(passwordOf(KEEPER_USER, KEEPER_PASSWORD, SERVICE_PROJECT_ID));
  }

  private void connect(ServiceCredentials credentials) {
    keystone = new KeystoneSession(() -> credentials, config, Clock.systemUTC());
    client = new TroveClient(keystone, new ObjectMapper(), config);
  }

  private ServiceCredentials passwordOf(String user, String password, String project) {
    return new ServiceCredentials(
        region.authUrl(),
        "test",
        user,
        Secret.of(password),
        DOMAIN_NAME,
        project,
        null,
        DOMAIN_NAME,
        "RegionOne",
        "public");
  }

  private String instance(String project, String name) {
    return region.instances(project).stream()
        .filter(i -> i.name().equals(name))
        .findFirst()
        .orElseThrow()
        .id();
  }

  private TroveBackup awaitDone(String project, TroveBackup backup) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(10);
    TroveBackup current = backup;
    while (current.running() && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
      current = client.getBackup(project, backup.id());
    }
    return current;
  }

  private TroveBackup completedFull(String project, String instanceId, String name)
      throws InterruptedException {
    return awaitDone(
        project, client.createBackup(project, instanceId, name, null, BackupKind.FULL, null));
  }

  private static TroveFault faultOf(Runnable call) {
    try {
      call.run();
    } catch (TroveException e) {
      return e.fault();
    }
    throw new AssertionError("no TroveException");
  }

  @Test
  void fullThenIncrementalBackupsRunToCompleted() throws Exception {
    start(b -> b);
    String db = instance(PROJECT_A_ID, INSTANCE_A1);

    TroveBackup created =
        client.createBackup(PROJECT_A_ID, db, "tk-1", "scheduled", BackupKind.FULL, null);
    assertThat(created.status()).isEqualTo("NEW");
    assertThat(created.projectId()).isEqualTo(PROJECT_A_ID);
    assertThat(created.instanceId()).isEqualTo(db);
    assertThat(created.created()).isCloseTo(Instant.now(), within(Duration.ofMinutes(1)));
    TroveBackup full = awaitDone(PROJECT_A_ID, created);
    assertThat(full.status()).isEqualTo("COMPLETED");
    assertThat(full.sizeGb()).isPositive();
    assertThat(full.locationRef()).isNotBlank();

    TroveBackup inc1 =
        awaitDone(
            PROJECT_A_ID,
            client.createBackup(PROJECT_A_ID, db, "tk-2", null, BackupKind.INCREMENTAL, full.id()));
    assertThat(inc1.completed()).isTrue();
    assertThat(inc1.parentId()).isEqualTo(full.id());

    TroveBackup inc2 =
        awaitDone(
            PROJECT_A_ID,
            client.createBackup(PROJECT_A_ID, db, "tk-3", null, BackupKind.INCREMENTAL, null));
    assertThat(inc2.completed()).isTrue();
    assertThat(inc2.parentId()).as("Trove takes the last COMPLETED backup").isEqualTo(inc1.id());
    assertThat(region.requestCount("POST", "/backups")).isEqualTo(3);
  }

  private static org.assertj.core.data.TemporalUnitOffset within(Duration duration) {
    return org.assertj.core.api.Assertions.within(
        duration.toSeconds(), java.time.temporal.ChronoUnit.SECONDS);
  }

  @Test
  void listsEveryPageAndFindsBackupsByName() throws Exception {
    config.pageSize = 2;
    start(b -> b);
    String db = instance(PROJECT_A_ID, INSTANCE_A1);
    for (int i = 1; i <= 3; i++) {
      completedFull(PROJECT_A_ID, db, "tk-" + i);
    }
    completedFull(PROJECT_A_ID, instance(PROJECT_A_ID, INSTANCE_A2), "tk-other");
    region.requests().clear();

    assertThat(client.listBackups(PROJECT_A_ID, db))
        .extracting(TroveBackup::name)
        .containsExactly("tk-3", "tk-2", "tk-1");
    assertThat(region.requestCount("GET", "/instances/{id}/backups")).isEqualTo(2);

    assertThat(client.findBackupByName(PROJECT_A_ID, db, "tk-1")).isPresent();
    assertThat(client.findBackupByName(PROJECT_A_ID, db, "tk-3").orElseThrow().instanceId())
        .isEqualTo(db);
    assertThat(client.findBackupByName(PROJECT_A_ID, db, "tk-other")).isEmpty();
  }

  @Test
  void deletingAFullBackupDeletesItsIncrementals() throws Exception {
    start(b -> b);
    String db = instance(PROJECT_A_ID, INSTANCE_A1);
    TroveBackup full = completedFull(PROJECT_A_ID, db, "tk-full");
    TroveBackup inc =
        awaitDone(
            PROJECT_A_ID,
            client.createBackup(PROJECT_A_ID, db, "tk-inc", null, BackupKind.INCREMENTAL, null));
    assertThat(inc.parentId()).isEqualTo(full.id());

    client.deleteBackup(PROJECT_A_ID, full.id());

    // Trove deletes in the background: the backups stay listed a moment
    Instant deadline = Instant.now().plusSeconds(5);
    while (!client.listBackups(PROJECT_A_ID, db).isEmpty() && Instant.now().isBefore(deadline)) {
      Thread.sleep(50);
    }
    assertThat(faultOf(() -> client.getBackup(PROJECT_A_ID, inc.id())))
        .isEqualTo(TroveFault.NOT_FOUND);
    assertThat(client.listBackups(PROJECT_A_ID, db)).isEmpty();
    assertThat(faultOf(() -> client.deleteBackup(PROJECT_A_ID, full.id())))
        .isEqualTo(TroveFault.NOT_FOUND);
  }

  @Test
  void eachProjectGetsItsOwnScopedToken() throws Exception {
    start(b -> b);
    ServiceToken a = keystone.token(PROJECT_A_ID);
    assertThat(a.projectId()).isEqualTo(PROJECT_A_ID);
    assertThat(a.troveUrl()).isEqualTo(region.troveUrl(PROJECT_A_ID));
    assertThat(a.id()).isNotEqualTo(keystone.token().id());
    assertThat(keystone.token(PROJECT_A_ID)).as("cached").isSameAs(a);
    assertThat(keystone.token(SERVICE_PROJECT_ID)).isSameAs(keystone.token());

    // a user that is only a member of A and B: B's backup works only with a B-scoped token
    region.addUser("scoped", "scoped-secret", PROJECT_A_ID, ROLE_MEMBER);
    region.addUser("scoped", "scoped-secret", PROJECT_B_ID, ROLE_MEMBER);
    connect(passwordOf("scoped", "scoped-secret", PROJECT_A_ID));
    String db = instance(PROJECT_B_ID, INSTANCE_B1);
    TroveBackup backup = completedFull(PROJECT_B_ID, db, "tk-b");
    assertThat(backup.projectId()).isEqualTo(PROJECT_B_ID);
    assertThat(backup.completed()).isTrue();
    assertThat(client.getInstance(PROJECT_B_ID, db).status()).isEqualTo("ACTIVE");

    assertThatThrownBy(() -> keystone.token(SERVICE_PROJECT_ID))
        .isInstanceOf(TroveException.class)
        .hasMessageContaining("project service")
        .extracting(e -> ((TroveException) e).fault())
        .isEqualTo(TroveFault.UNAUTHORIZED);
  }

  @Test
  void trovesRefusalsAreTyped() throws Exception {
    // a backup builds for 2 s: long enough to be refused as busy on a loaded machine
    start(b -> b.backupQuota(2).backupBuildDelay(Duration.ofSeconds(2)));
    String db = instance(PROJECT_A_ID, INSTANCE_A1);
    TroveBackup running =
        client.createBackup(PROJECT_A_ID, db, "tk-1", null, BackupKind.FULL, null);
    assertThat(client.getInstance(PROJECT_A_ID, db).status()).isEqualTo("BACKUP");
    assertThat(
            faultOf(() -> client.createBackup(PROJECT_A_ID, db, "x", null, BackupKind.FULL, null)))
        .as("422 backup running")
        .isEqualTo(TroveFault.BUSY);
    assertThat(faultOf(() -> client.deleteBackup(PROJECT_A_ID, running.id())))
        .as("422 delete running")
        .isEqualTo(TroveFault.BUSY);
    awaitDone(PROJECT_A_ID, running);

    String db2 = instance(PROJECT_A_ID, INSTANCE_A2);
    region.setInstanceStatus(PROJECT_A_ID, db2, "BUILD", "");
    assertThat(
            faultOf(() -> client.createBackup(PROJECT_A_ID, db2, "x", null, BackupKind.FULL, null)))
        .as("422 not ready")
        .isEqualTo(TroveFault.BUSY);
    region.setInstanceStatus(PROJECT_A_ID, db2, "ACTIVE", "HEALTHY");

    assertThat(faultOf(() -> client.getBackup(PROJECT_A_ID, UNKNOWN)))
        .isEqualTo(TroveFault.NOT_FOUND);
    assertThat(faultOf(() -> client.getInstance(PROJECT_A_ID, UNKNOWN)))
        .isEqualTo(TroveFault.NOT_FOUND);
    assertThat(
            faultOf(
                () -> client.createBackup(PROJECT_A_ID, UNKNOWN, "x", null, BackupKind.FULL, null)))
        .isEqualTo(TroveFault.NOT_FOUND);
    assertThat(
            faultOf(() -> client.createBackup(PROJECT_A_ID, db, null, null, BackupKind.FULL, null)))
        .as("400: name is required, and null is never sent")
        .isEqualTo(TroveFault.INVALID);

    completedFull(PROJECT_A_ID, db2, "tk-2");
    assertThat(client.limits(PROJECT_A_ID).maxBackups()).isEqualTo(2);
    assertThat(
            faultOf(() -> client.createBackup(PROJECT_A_ID, db, "x", null, BackupKind.FULL, null)))
        .as("413 quota")
        .isEqualTo(TroveFault.QUOTA_EXCEEDED);
    assertThat(region.requestCount("POST", "/backups")).as("refusals are not retried").isEqualTo(7);
  }

  @Test
  void quotaRefusalIsPermanentWhileTheRateLimitIsWaitedFor() throws Exception {
    start(b -> b.rateLimitPerMinute(60));
    String db = instance(PROJECT_A_ID, INSTANCE_A1);
    completedFull(PROJECT_A_ID, db, "tk-1");
    region.setBackupQuota(PROJECT_A_ID, 1);
    long posts = region.requestCount("POST", "/backups");

    assertThatThrownBy(
            () -> client.createBackup(PROJECT_A_ID, db, "tk-2", null, BackupKind.FULL, null))
        .isInstanceOfSatisfying(
            TroveException.class,
            e -> {
              assertThat(e.fault()).isEqualTo(TroveFault.QUOTA_EXCEEDED);
              assertThat(e.fault().retryable()).isFalse();
              assertThat(e.retryAfter()).as("Trove's quota 413 has no Retry-After").isEmpty();
              assertThat(e.getMessage()).contains("Quota exceeded for resources: ['backups']");
            });
    assertThat(region.requestCount("POST", "/backups")).as("not retried").isEqualTo(posts + 1);

    // Trove's own rate limiter (not an injected fault): 60 GETs a minute per project, then a 413
    // with Retry-After that the client waits out
    region.setBackupQuota(PROJECT_A_ID, null);
    // (a minute's worth and more, however slowly this machine sends them)
    for (int i = 0; i < 300 && refusedLimits() == 0; i++) {
      assertThat(client.limits(PROJECT_A_ID).maxBackups()).isEqualTo(50);
    }
    assertThat(region.requests().entries())
        .filteredOn(e -> e.pattern().equals("/limits") && e.status() == 413)
        .as("rate limited, then waited and retried")
        .isNotEmpty();
  }

  private long refusedLimits() {
    return region.requests().entries().stream()
        .filter(e -> e.pattern().equals("/limits") && e.status() == 413)
        .count();
  }

  @Test
  void eachProjectIsKeptUnderTrovesRateLimitSoTroveRefusesNothing() throws Exception {
    // Trove's leaky bucket per verb and project (its default, 200 a minute): a burst of more GETs
    // than a minute holds would be refused 413 without the client's own limit.
    config.rateLimitPerMinute = 200;
    start(b -> b.rateLimitPerMinute(200));
    String db = instance(PROJECT_A_ID, INSTANCE_A1);
    region.requests().clear();

    for (int i = 0; i < 210; i++) {
      assertThat(client.getInstance(PROJECT_A_ID, db).id()).isEqualTo(db);
    }

    assertThat(region.requests().entries())
        .filteredOn(e -> e.status() == 413)
        .as("no request refused by Trove's rate limiter")
        .isEmpty();
    assertThat(region.requestCount("GET", "/instances/{id}")).isEqualTo(210);
  }

  @Test
  void theAdminListingIsHandedOverInBoundedChunksWhetherTrovePagesOrNot() {
    config.pageSize = 50;
    start(b -> b);
    region.addInstancesSilently(PROJECT_B_ID, "bulk", 250);
    var all = client.listAllInstances().stream().map(TroveInstance::id).toList();

    for (int trovePage : new int[] {0, 20}) {
      region.setManagementListingPageSize(trovePage);
      region.requests().clear();
      var chunks = new java.util.ArrayList<List<TroveInstance>>();

      client.listAllInstances(7, chunks::add);

      assertThat(chunks).allSatisfy(c -> assertThat(c).hasSizeBetween(1, 7));
      assertThat(chunks.stream().flatMap(List::stream).map(TroveInstance::id))
          .containsExactlyElementsOf(all);
      assertThat(region.requestCount("GET", "/mgmt/instances"))
          .isEqualTo(trovePage == 0 ? 1 : (all.size() + 19) / 20);
    }
  }

  @Test
  void aListingThatStopsSendingMidAnswerFailsAfterTheTimeoutInsteadOfHoldingThePass() {
    config.retryMaxAttempts = 1;
    start(b -> b);
    region.addInstancesSilently(PROJECT_B_ID, "bulk", 200);
    region.faults().failNext(1, "GET", "/mgmt/instances", Fault.stall(Duration.ofSeconds(60)));
    var chunks = new java.util.ArrayList<List<TroveInstance>>();

    assertThatThrownBy(() -> client.listAllInstances(500, chunks::add))
        .isInstanceOfSatisfying(
            TroveException.class, e -> assertThat(e.fault()).isEqualTo(TroveFault.TRANSIENT))
        .hasMessageContaining("sent nothing for over " + config.timeout);
    assertThat(chunks).isEmpty();
    assertThat(Thread.currentThread().isInterrupted())
        .as("the guard's interrupt is cleared")
        .isFalse();

    client.listAllInstances(500, chunks::add);
    assertThat(chunks.stream().mapToInt(List::size).sum()).isEqualTo(3 + 200);
  }

  @Test
  void everyInstanceIsListedFromOneUnpagedAdminAnswerClusterMembersIncluded() throws Exception {
    config.pageSize = 2;
    start(b -> b);
    region.addInstancesSilently(PROJECT_B_ID, "bulk", 250);
    var member = region.createClusterMember(PROJECT_A_ID, "shard-1", "cluster-1");
    region.requests().clear();

    var all = client.listAllInstances();

    assertThat(all).hasSize(3 + 250 + 1);
    assertThat(region.requestCount("GET", "/mgmt/instances")).as("one answer").isEqualTo(1);
    var shard = all.stream().filter(i -> i.id().equals(member.id())).findFirst().orElseThrow();
    assertThat(shard.clusterId()).isEqualTo("cluster-1");
    assertThat(shard.projectId()).isEqualTo(PROJECT_A_ID);
    var seeded = all.stream().filter(i -> i.name().equals(INSTANCE_B1)).findFirst().orElseThrow();
    assertThat(seeded.status()).isEqualTo("ACTIVE");
    assertThat(seeded.serviceStatus()).isEqualTo("HEALTHY");
    assertThat(seeded.operatingStatus()).isEqualTo("HEALTHY");
    assertThat(seeded.fault()).isNull();
  }

  @Test
  void anInstancesFaultIsRead() {
    start(b -> b);
    String db = instance(PROJECT_A_ID, INSTANCE_A2);
    region.setInstanceStatus(PROJECT_A_ID, db, "ERROR", "ERROR");
    assertThat(
            faultOf(() -> client.createBackup(PROJECT_A_ID, db, "x", null, BackupKind.FULL, null)))
        .isEqualTo(TroveFault.BUSY);

    TroveInstance instance = client.getInstance(PROJECT_A_ID, db);
    assertThat(instance.status()).isEqualTo("ERROR");
    assertThat(instance.active()).isFalse();
    assertThat(instance.fault().message()).endsWith("(instance status was ERROR).");
    assertThat(instance.fault().created()).isCloseTo(Instant.now(), within(Duration.ofMinutes(1)));
  }

  @Test
  void serverErrorsOnAGetAreRetried() {
    start(b -> b);
    region.faults().failNext(2, "GET", "/limits", Fault.serverError());

    assertThat(client.limits(PROJECT_A_ID).maxBackups()).isEqualTo(50);
    assertThat(region.requestCount("GET", "/limits")).isEqualTo(3);
  }

  @Test
  void retriesStopAtMaxAttempts() {
    start(b -> b);
    region.faults().failNext(10, "GET", "/limits", Fault.unavailable());

    assertThat(faultOf(() -> client.limits(PROJECT_A_ID))).isEqualTo(TroveFault.TRANSIENT);
    assertThat(region.requestCount("GET", "/limits")).isEqualTo(config.retryMaxAttempts);
  }

  @Test
  void rateLimitWaitsForRetryAfter() throws Exception {
    start(b -> b);
    String db = instance(PROJECT_A_ID, INSTANCE_A1);
    region.faults().failNext(1, "GET", "/limits", Fault.rateLimited(Duration.ofSeconds(1)));

    long started = System.nanoTime();
    client.limits(PROJECT_A_ID);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofSeconds(1));
    assertThat(region.requestCount("GET", "/limits")).isEqualTo(2);

    region.faults().failNext(1, "POST", "/backups", Fault.rateLimited(Duration.ofSeconds(1)));
    completedFull(PROJECT_A_ID, db, "tk-rl");
    assertThat(region.requestCount("POST", "/backups")).isEqualTo(2);
    assertThat(client.listBackups(PROJECT_A_ID, db)).hasSize(1);
  }

  @Test
  void rateLimitLongerThanTheCapIsLeftToTheCaller() {
    start(b -> b);
    region.faults().failNext(1, "GET", "/limits", Fault.rateLimited(Duration.ofSeconds(30)));

    assertThatThrownBy(() -> client.limits(PROJECT_A_ID))
        .isInstanceOfSatisfying(
            TroveException.class,
            e -> {
              assertThat(e.fault()).isEqualTo(TroveFault.RATE_LIMITED);
              assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
            });
    assertThat(region.requestCount("GET", "/limits")).isEqualTo(1);
  }

  @Test
  void timedOutPostIsTransientAndNotRepeatedTheBackupIsFoundByName() throws Exception {
    config.timeout = Duration.ofMillis(500);
    start(b -> b);
    String db = instance(PROJECT_A_ID, INSTANCE_A1);
    region.faults().failNext(1, "POST", "/backups", Fault.hang(Duration.ofMillis(1500)));

    assertThatThrownBy(
            () -> client.createBackup(PROJECT_A_ID, db, "tk-run-7", null, BackupKind.FULL, null))
        .isInstanceOfSatisfying(
            TroveException.class, e -> assertThat(e.fault()).isEqualTo(TroveFault.TRANSIENT));

    Instant deadline = Instant.now().plusSeconds(5);
    while (client.findBackupByName(PROJECT_A_ID, db, "tk-run-7").isEmpty()
        && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
    }
    assertThat(client.findBackupByName(PROJECT_A_ID, db, "tk-run-7")).isPresent();
    // the region logs the hung POST once its answer is written, after the client gave up
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> region.requestCount("POST", "/backups") == 1);
    assertThat(region.requestCount("POST", "/backups")).isEqualTo(1);
  }

  @Test
  void restoreIntoANewInstanceTimedOutIsFoundByNameNotPostedTwiceAndDeleted() throws Exception {
    config.timeout = Duration.ofMillis(500);
    start(b -> b);
    String db = instance(PROJECT_A_ID, INSTANCE_A1);
    TroveBackup backup = completedFull(PROJECT_A_ID, db, "full");
    TroveClient.InstanceSize size = client.getInstanceSize(PROJECT_A_ID, db);
    assertThat(size.flavorId()).isNotBlank();
    assertThat(client.listFlavors(PROJECT_A_ID))
        .extracting(TroveClient.Flavor::id)
        .as("smallest RAM first")
        .containsExactly("1", "2", "3");
    region.faults().failNext(1, "POST", "/instances", Fault.hang(Duration.ofMillis(1500)));

    assertThatThrownBy(
            () ->
                client.createInstanceFromBackup(
                    PROJECT_A_ID, "copy-tk9", size.flavorId(), size.volumeSize(), backup.id()))
        .isInstanceOfSatisfying(
            TroveException.class, e -> assertThat(e.fault()).isEqualTo(TroveFault.TRANSIENT));
    Instant deadline = Instant.now().plusSeconds(5);
    while (client.findInstanceByName(PROJECT_A_ID, "copy-tk9").isEmpty()
        && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
    }
    TroveInstance restored = client.findInstanceByName(PROJECT_A_ID, "copy-tk9").orElseThrow();
    assertThat(region.requestCount("POST", "/instances")).isEqualTo(1);
    assertThat(restored.datastoreVersion()).isEqualTo(DATASTORE_VERSION);

    client.deleteInstance(PROJECT_A_ID, restored.id());
    assertThat(client.getInstance(PROJECT_A_ID, restored.id()).status()).isEqualTo("SHUTDOWN");
    assertThat(faultOf(() -> client.createInstanceFromBackup(PROJECT_A_ID, "x", "1", 1, UNKNOWN)))
        .isEqualTo(TroveFault.NOT_FOUND);
  }

  @Test
  void hangingGetTimesOutAndIsRetried() {
    config.timeout = Duration.ofMillis(500);
    start(b -> b);
    region.faults().failNext(1, "GET", "/limits", Fault.hang(Duration.ofMillis(1500)));

    assertThat(client.limits(PROJECT_A_ID).maxBackups()).isEqualTo(50);
  }

  @Test
  void breakerOpensAfterRepeatedFailuresAndStopsSending() {
    config.breakerThreshold = 3;
    config.retryMaxAttempts = 2;
    config.breakerCoolDown = Duration.ofSeconds(3);
    start(b -> b);
    region.faults().failNext(1000, "GET", "/limits", Fault.serverError());

    assertThat(faultOf(() -> client.limits(PROJECT_A_ID))).isEqualTo(TroveFault.TRANSIENT);
    assertThatThrownBy(() -> client.limits(PROJECT_A_ID)).hasMessageContaining("circuit open");
    for (int i = 0; i < 20; i++) {
      assertThat(faultOf(() -> client.limits(PROJECT_B_ID))).isEqualTo(TroveFault.TRANSIENT);
    }
    assertThat(region.requestCount("GET", "/limits")).as("no storm").isEqualTo(3);
    assertThat(client.openCircuits()).containsEntry("GET /limits", "OPEN");

    region.faults().clear();
    // calls fail fast (and are not sent) until the cool-down lets a trial through
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .until(() -> client.limits(PROJECT_A_ID).maxBackups() == 50);
    assertThat(client.limits(PROJECT_B_ID).maxBackups()).isEqualTo(50);
    assertThat(region.requestCount("GET", "/limits")).isEqualTo(5);
    assertThat(client.openCircuits()).isEmpty();
  }

  @Test
  void oneEndpointsFailuresDoNotOpenAnothersBreaker() throws Exception {
    config.breakerThreshold = 3;
    config.retryMaxAttempts = 1;
    start(b -> b);
    String db = instance(PROJECT_A_ID, INSTANCE_A1);
    region.faults().failNext(1000, "GET", "/limits", Fault.serverError());
    for (int i = 0; i < 3; i++) {
      assertThat(faultOf(() -> client.limits(PROJECT_A_ID))).isEqualTo(TroveFault.TRANSIENT);
    }
    assertThatThrownBy(() -> client.limits(PROJECT_A_ID)).hasMessageContaining("circuit open");

    assertThat(client.getInstance(PROJECT_A_ID, db).status()).isEqualTo("ACTIVE");
    assertThat(completedFull(PROJECT_A_ID, db, "tk-other-endpoint").completed()).isTrue();
    assertThat(client.listBackups(PROJECT_A_ID, db)).hasSize(1);
    assertThat(region.requestCount("POST", "/backups")).isEqualTo(1);
    assertThat(client.openCircuits()).containsOnlyKeys("GET /limits");
  }

  @Test
  void expiredTokenIsRenewedOnceOn401() throws Exception {
    start(b -> b.tokenTtl(Duration.ofSeconds(1)));
    // the session's clock stands still, so it trusts its cached token after Keystone expired it
    MutableClock frozen = new MutableClock(Instant.now());
    ServiceCredentials credentials = passwordOf(KEEPER_USER, KEEPER_PASSWORD, SERVICE_PROJECT_ID);
    keystone = new KeystoneSession(() -> credentials, config, frozen);
    client = new TroveClient(keystone, new ObjectMapper(), config);
    client.limits(PROJECT_A_ID);
    long logins = region.requestCount("POST", "/v3/auth/tokens");
    Thread.sleep(1200);

    assertThat(client.limits(PROJECT_A_ID).maxBackups()).isEqualTo(50);
    assertThat(region.requestCount("GET", "/limits")).isEqualTo(3);
    assertThat(region.requestCount("POST", "/v3/auth/tokens"))
        .as("only the project token is renewed")
        .isEqualTo(logins + 1);
  }

  @Test
  void applicationCredentialGivesTheServiceProjectToken() {
    start(b -> b);
    connect(appCredential(KEEPER_APP_CREDENTIAL_SECRET));

    assertThat(keystone.token().projectId()).isEqualTo(SERVICE_PROJECT_ID);
    assertThat(client.listAllInstances()).hasSize(3);
    assertThatThrownBy(() -> keystone.token(PROJECT_A_ID))
        .isInstanceOfSatisfying(
            TroveException.class, e -> assertThat(e.fault()).isEqualTo(TroveFault.MISCONFIGURED))
        .hasMessageContaining("needs password auth");

    connect(appCredential("wrong"));
    assertThat(faultOf(() -> keystone.token())).isEqualTo(TroveFault.UNAUTHORIZED);
  }

  private ServiceCredentials appCredential(String secret) {
    return new ServiceCredentials(
        region.authUrl(),
        "test",
        null,
        null,
        DOMAIN_NAME,
        null,
        null,
        DOMAIN_NAME,
        "RegionOne",
        "public",
        KEEPER_APP_CREDENTIAL_ID,
        Secret.of(secret));
  }
}
