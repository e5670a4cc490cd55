package dev.trovekeeper.demo;

import static dev.trovekeeper.demo.DemoSeed.PROJECT_A_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Faults, rate limit, quota, asynchronous recursive delete, DELETE_FAILED, restart, restore, the
 * mgmt list (unpaged, clustered members on request) and paging.
 */
class DemoRegionBehaviourTest {

  private static final String A = "/v1.0/" + PROJECT_A_ID;
  private DemoRegion region;
  private DemoClient alice;

  @AfterEach
  void stop() {
    region.close();
  }

  /** Starts a seeded region with 100 ms delays, then {@code settings}. */
  private void start(java.util.function.UnaryOperator<DemoRegionSettings.Builder> settings) {
    var builder = DemoRegionSettings.builder().allDelays(Duration.ofMillis(100));
    region = DemoRegion.start(settings.apply(builder).build(), NotificationSink.NONE);
    alice = new DemoClient(region);
    alice.login(DemoSeed.ALICE, DemoSeed.ALICE_PASSWORD, PROJECT_A_ID);
  }

  private String instanceA() {
    return region.instances(PROJECT_A_ID).get(0).id();
  }

  private DemoClient.Response postBackup(String name, String extra) {
    return alice.post(
        A + "/backups",
        "{\"backup\":{\"name\":\""
            + name
            + "\",\"instance\":\""
            + instanceA()
            + "\""
            + extra
            + "}}");
  }

  private String completedBackup(String name, String extra) {
    var r = postBackup(name, extra);
    assertThat(r.status()).as(r.body()).isEqualTo(202);
    var id = r.json().path("backup").path("id").asText();
    await().atMost(Duration.ofSeconds(5)).until(() -> status(id).equals("COMPLETED"));
    return id;
  }

  private String status(String backupId) {
    return alice.get(A + "/backups/" + backupId).json().path("backup").path("status").asText();
  }

  @Test
  void injectedFaultsAnswerTheNextMatchingRequestsThenStop() {
    start(b -> b);
    region.faults().failNext(2, "POST", "/backups", Fault.busy());
    assertThat(postBackup("a", "").status()).isEqualTo(422);
    assertThat(postBackup("a", "").json().path("unprocessableEntity").path("code").asInt())
        .isEqualTo(422);
    assertThat(postBackup("a", "").status()).isEqualTo(202);
    assertThat(region.requestCount("POST", "/backups")).isEqualTo(3);

    region.faults().failNext(1, "GET", "/instances", Fault.rateLimited(Duration.ofSeconds(7)));
    var limited = alice.get(A + "/instances");
    assertThat(limited.status()).isEqualTo(413);
    assertThat(limited.header("Retry-After")).isEqualTo("7");
    assertThat(limited.json().path("overLimit").path("code").asInt()).isEqualTo(413);

    region
        .faults()
        .failNext(1, "GET", "/instances", Fault.serverError())
        .failNext(1, "GET", "/instances", Fault.unavailable())
        .failNext(1, "GET", "/instances", Fault.quota());
    assertThat(alice.get(A + "/instances").status()).isEqualTo(500);
    assertThat(alice.get(A + "/instances").status()).isEqualTo(503);
    assertThat(alice.get(A + "/instances").json().path("overLimit").path("message").asText())
        .isEqualTo("Quota exceeded for resources: ['backups'].");

    region.faults().failNext(1, "GET", "/instances", DemoSeed.PROJECT_B_ID, Fault.serverError());
    assertThat(alice.get(A + "/instances").status()).isEqualTo(200);
    assertThat(region.faults().pending()).isEqualTo(1);
    region.faults().clear();

    region.faults().failNext(1, "GET", "/instances", Fault.hang(Duration.ofMillis(400)));
    long t0 = System.nanoTime();
    assertThat(alice.get(A + "/instances").status()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - t0))
        .isGreaterThanOrEqualTo(Duration.ofMillis(400));
  }

  @Test
  void injectedBackupFailureEndsTheNextBackupFailedOnTrovesSide() {
    start(b -> b);
    region.faults().failNext(1, "POST", "/backups", PROJECT_A_ID, Fault.backupFails());
    var accepted = postBackup("nightly", "");
    assertThat(accepted.status()).as("accepted as usual").isEqualTo(202);
    assertThat(accepted.json().path("backup").path("status").asText()).isEqualTo("NEW");
    var failed = accepted.json().path("backup").path("id").asText();
    await().atMost(Duration.ofSeconds(5)).until(() -> status(failed).equals("FAILED"));
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                region.instance(PROJECT_A_ID, instanceA()).orElseThrow().status().equals("ACTIVE"));
    assertThat(completedBackup("nightly-retry", "")).isNotEqualTo(failed);
    assertThat(region.faults().pending()).isZero();
  }

  @Test
  void rateLimitPerVerbAnswers413WithRetryAfter() {
    start(b -> b.rateLimitPerMinute(3));
    for (int i = 0; i < 3; i++) {
      assertThat(alice.get(A + "/instances").status()).isEqualTo(200);
    }
    var r = alice.get(A + "/instances");
    assertThat(r.status()).isEqualTo(413);
    assertThat(Integer.parseInt(r.header("Retry-After"))).isBetween(1, 60);
    assertThat(r.json().path("overLimit").path("message").asText())
        .isEqualTo("This request was rate-limited.");
    assertThat(postBackup("other-verb", "").status()).isEqualTo(202);
    var limits = alice.get(A + "/limits");
    assertThat(limits.status()).as("GET is spent, limits is a GET too").isEqualTo(413);
  }

  @Test
  void rateLimitIsTrovesLeakyBucketShownInLimits() {
    start(b -> b.rateLimitPerMinute(200));
    var limits = alice.get(A + "/limits").json().path("limits");
    assertThat(limits).hasSize(6);
    assertThat(limits.get(1).path("verb").asText()).isEqualTo("POST");
    assertThat(limits.get(1).path("remaining").asInt()).as("no POST yet").isEqualTo(200);
    assertThat(limits.get(4).path("verb").asText()).isEqualTo("GET");
    assertThat(limits.get(4).path("remaining").asInt()).as("this GET counted").isBetween(198, 199);
    assertThat(limits.get(5).path("uri").asText()).isEqualTo("*/mgmt");
    assertThat(limits.get(5).path("regex").asText()).isEqualTo("^/mgmt");
  }

  @Test
  void aProjectsBackupQuotaCanBeChangedAtRuntime() {
    start(b -> b);
    region.setBackupQuota(PROJECT_A_ID, 1);
    completedBackup("one", "");
    assertThat(postBackup("two", "").json().path("overLimit").path("code").asInt()).isEqualTo(413);
    var absolute = alice.get(A + "/limits").json().path("limits").get(0);
    assertThat(absolute.path("max_backups").asInt()).isEqualTo(1);
    assertThat(absolute.path("max_ram").asInt()).isEqualTo(-1);
    region.setBackupQuota(PROJECT_A_ID, null);
    assertThat(postBackup("two", "").status()).isEqualTo(202);
    assertThat(alice.get(A + "/limits").json().path("limits").get(0).path("max_backups").asInt())
        .isEqualTo(50);
  }

  @Test
  void backupQuotaIsACounterShownInLimits() {
    start(b -> b.backupQuota(2));
    var first = completedBackup("one", "");
    completedBackup("two", "");
    var refused = postBackup("three", "");
    assertThat(refused.status()).isEqualTo(413);
    assertThat(refused.body())
        .isEqualTo(
            "{\"overLimit\":{\"code\":413,\"message\":\"Quota exceeded for resources: ['backups'].\"}}");
    assertThat(alice.delete(A + "/backups/" + first).status()).isEqualTo(202);
    assertThat(postBackup("three", "").status()).isEqualTo(202);
    var limits = alice.get(A + "/limits").json().path("limits");
    assertThat(limits.get(0).path("verb").asText()).isEqualTo("ABSOLUTE");
    assertThat(limits.get(0).path("max_backups").asInt()).isEqualTo(2);
    assertThat(limits.get(1).path("verb").asText()).isEqualTo("POST");
    assertThat(limits.get(1).path("value").asInt()).isEqualTo(200);
  }

  @Test
  void deletingAFullBackupDeletesItsIncrementalChain() {
    start(b -> b);
    var full = completedBackup("full", "");
    var inc1 = completedBackup("inc1", ",\"incremental\":1");
    var inc2 = completedBackup("inc2", ",\"incremental\":1");
    assertThat(region.backups(PROJECT_A_ID))
        .extracting(BackupInfo::parentId)
        .containsExactly(inc1, full, null);
    assertThat(alice.delete(A + "/backups/" + full).status()).isEqualTo(202);
    assertThat(region.backupQuotaUsage(PROJECT_A_ID)).as("units back at once").isZero();
    assertThat(status(inc2)).as("Trove deletes in the background").isEqualTo("COMPLETED");
    await().atMost(Duration.ofSeconds(5)).until(() -> region.backups(PROJECT_A_ID).isEmpty());
    assertThat(alice.get(A + "/backups/" + inc2).status()).isEqualTo(404);
    assertThat(alice.delete(A + "/backups/" + full).status()).isEqualTo(404);
  }

  @Test
  void deleteFailHookEndsDeleteFailedAndGivesTheUnitBack() {
    start(b -> b);
    var id = completedBackup("keep-DELETE_FAIL", "");
    assertThat(alice.delete(A + "/backups/" + id).status()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(5)).until(() -> status(id).equals("DELETE_FAILED"));
    assertThat(region.backupQuotaUsage(PROJECT_A_ID)).isZero();
    var failing = postBackup("x-BACKUP_FAIL", "").json().path("backup").path("id").asText();
    await().atMost(Duration.ofSeconds(5)).until(() -> status(failing).equals("FAILED"));
  }

  @Test
  void instancesNotActiveRefuseBackups() {
    start(b -> b);
    region.setInstanceStatus(PROJECT_A_ID, instanceA(), "ERROR", "ERROR");
    var r = postBackup("x", "");
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.json().path("unprocessableEntity").path("message").asText())
        .endsWith("(instance status was ERROR).");
    var created = region.createInstance(PROJECT_A_ID, "fresh");
    assertThat(created.status()).isEqualTo("BUILD");
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                region
                    .instance(PROJECT_A_ID, created.id())
                    .orElseThrow()
                    .status()
                    .equals("ACTIVE"));
  }

  @Test
  void restartRefusesBackupsUntilTheInstanceIsActiveAgain() {
    start(b -> b.instanceRestartDelay(Duration.ofMillis(500)));
    var r = alice.post(A + "/instances/" + instanceA() + "/action", "{\"restart\":{}}");
    assertThat(r.status()).isEqualTo(202);
    assertThat(
            alice
                .get(A + "/instances/" + instanceA())
                .json()
                .path("instance")
                .path("status")
                .asText())
        .isEqualTo("REBOOT");
    assertThat(postBackup("x", "").json().path("unprocessableEntity").path("message").asText())
        .endsWith("(task status was REBOOTING).");
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                region.instance(PROJECT_A_ID, instanceA()).orElseThrow().status().equals("ACTIVE"));
    assertThat(postBackup("x", "").status()).isEqualTo(202);
  }

  @Test
  void restoreTakesTheBackupsDatastoreAndRefusesAMissingBackup() {
    start(b -> b);
    var backup = completedBackup("full", "");
    var body =
        "{\"instance\":{\"name\":\"restored\",\"flavorRef\":\"1\",\"restorePoint\":{\"backupRef\":\"%s\"}}}";
    var restored = alice.post(A + "/instances", body.formatted(backup));
    assertThat(restored.status()).isEqualTo(200);
    assertThat(restored.json().path("instance").path("status").asText()).isEqualTo("BUILD");
    assertThat(restored.json().path("instance").path("datastore").path("version").asText())
        .isEqualTo(DemoSeed.DATASTORE_VERSION);
    var id = restored.json().path("instance").path("id").asText();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> region.instance(PROJECT_A_ID, id).orElseThrow().status().equals("ACTIVE"));
    var missing =
        alice.post(A + "/instances", body.formatted("00000000-0000-0000-0000-000000000000"));
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().path("itemNotFound").path("message").asText())
        .isEqualTo("Resource 00000000-0000-0000-0000-000000000000 cannot be found.");
    // another project's backup is missing for this one, as in Trove
    var bob = new DemoClient(region);
    bob.login(DemoSeed.BOB, DemoSeed.BOB_PASSWORD, DemoSeed.PROJECT_B_ID);
    var foreign = bob.post("/v1.0/" + DemoSeed.PROJECT_B_ID + "/instances", body.formatted(backup));
    assertThat(foreign.status()).isEqualTo(404);
    assertThat(alice.delete(A + "/instances/" + id).status()).isEqualTo(202);
  }

  @Test
  void restoreFromABackupThatIsNotCompletedIsAConflict() {
    start(b -> b.backupBuildDelay(Duration.ofSeconds(5)));
    var running = postBackup("slow", "").json().path("backup").path("id").asText();
    var body =
        "{\"instance\":{\"name\":\"early\",\"flavorRef\":\"1\",\"restorePoint\":{\"backupRef\":\"%s\"}}}";
    var refused = alice.post(A + "/instances", body.formatted(running));
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().path("conflictingRequest").path("message").asText())
        .startsWith("Unable to create instance because backup " + running + " is not completed.");
    assertThat(region.instances(PROJECT_A_ID)).noneMatch(i -> i.name().equals("early"));
  }

  @Test
  void mgmtListIsAdminOnlyUnpagedAndShowsEveryProject() {
    start(b -> b);
    var refused = alice.get(A + "/mgmt/instances");
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.json().path("unauthorized").path("message").asText())
        .isEqualTo("User does not have admin privileges.");
    var keeper = new DemoClient(region);
    keeper.login(DemoSeed.KEEPER_USER, DemoSeed.KEEPER_PASSWORD, DemoSeed.SERVICE_PROJECT_ID);
    var page = keeper.get("/v1.0/service/mgmt/instances?limit=1").json();
    assertThat(page.path("instances")).as("Trove 18 ignores limit here").hasSize(3);
    assertThat(page.has("links")).isFalse();
    var all = page.path("instances");
    assertThat(all.get(0).path("name").asText()).as("newest first").isEqualTo(DemoSeed.INSTANCE_B1);
    assertThat(all.get(0).path("service_status").asText()).isEqualTo("HEALTHY");
    assertThat(all.get(0).path("task_description").asText())
        .isEqualTo("No tasks for the instance.");
    assertThat(all)
        .extracting(i -> i.path("tenant_id").asText())
        .containsExactlyInAnyOrder(PROJECT_A_ID, PROJECT_A_ID, DemoSeed.PROJECT_B_ID);
    assertThat(all.get(0).path("deleted").asBoolean()).isFalse();
    var gone = instanceA();
    assertThat(keeper.delete(A + "/instances/" + gone).status()).isEqualTo(202);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> region.instance(PROJECT_A_ID, gone).isEmpty());
    assertThat(keeper.get("/v1.0/service/mgmt/instances?deleted=false").json().path("instances"))
        .hasSize(2);
    assertThat(keeper.get("/v1.0/service/mgmt/instances").json().path("instances"))
        .filteredOn(i -> i.path("id").asText().equals(gone))
        .singleElement()
        .satisfies(i -> assertThat(i.path("deleted").asBoolean()).isTrue());
  }

  @Test
  void clusterMembersAreListedOnlyWhenAskedFor() {
    start(b -> b);
    var member = region.createClusterMember(PROJECT_A_ID, "shard-1", "c-1");
    var keeper = new DemoClient(region);
    keeper.login(DemoSeed.KEEPER_USER, DemoSeed.KEEPER_PASSWORD, DemoSeed.SERVICE_PROJECT_ID);
    assertThat(keeper.get("/v1.0/service/mgmt/instances").json().path("instances")).hasSize(3);
    var all = keeper.get("/v1.0/service/mgmt/instances?include_clustered=true").json();
    assertThat(all.path("instances")).hasSize(4);
    assertThat(all.path("instances").get(0).path("cluster_id").asText()).isEqualTo("c-1");
    assertThat(alice.get(A + "/instances").json().path("instances")).hasSize(2);
    assertThat(alice.get(A + "/instances?include_clustered=true").json().path("instances"))
        .extracting(i -> i.path("id").asText())
        .contains(member.id());
  }

  @Test
  void listsPageWithLimitAndMarker() {
    start(b -> b);
    var newest = region.instances(PROJECT_A_ID).get(1).id();
    var page1 = alice.get(A + "/instances?limit=1").json();
    assertThat(page1.path("instances")).hasSize(1);
    assertThat(page1.path("instances").get(0).path("id").asText()).isEqualTo(newest);
    var next = page1.path("links").get(0);
    assertThat(next.path("rel").asText()).isEqualTo("next");
    assertThat(next.path("href").asText()).startsWith("https://").contains("marker=" + newest);
    var page2 = alice.get(A + "/instances?limit=1&marker=" + newest).json();
    assertThat(page2.path("instances").get(0).path("id").asText()).isEqualTo(instanceA());
    assertThat(page2.has("links")).isFalse();

    for (var name : new String[] {"b1", "b2", "b3"}) {
      completedBackup(name, "");
    }
    var b1 = alice.get(A + "/backups?limit=2").json();
    assertThat(b1.path("backups").findValuesAsText("name")).containsExactly("b3", "b2");
    assertThat(b1.path("links").get(0).path("href").asText()).endsWith("/backups?limit=2&marker=2");
    var b2 = alice.get(A + "/backups?limit=2&marker=2").json();
    assertThat(b2.path("backups").findValuesAsText("name")).containsExactly("b1");
    assertThat(alice.get(A + "/backups?instance_id=" + instanceA()).json().path("backups"))
        .hasSize(3);
    assertThat(alice.get(A + "/instances/" + instanceA() + "/backups").json().path("backups"))
        .hasSize(3);
  }

  @Test
  void readerOfAnotherProjectGets403Html() {
    start(b -> b);
    var bob = new DemoClient(region);
    bob.login(DemoSeed.BOB, DemoSeed.BOB_PASSWORD, DemoSeed.PROJECT_B_ID);
    var r = bob.get(A + "/instances");
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.body())
        .contains("User with tenant id demo-project-b cannot access this resource.");
  }
}
