package dev.trovekeeper.demo;

import static dev.trovekeeper.demo.DemoSeed.PROJECT_A_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Faults, rate limit, quota, recursive delete, DELETE_FAILED, mgmt list and paging. */
class DemoRegionBehaviourTest {

  private static final String A = "/v1.0/" + PROJECT_A_ID;
  private DemoRegion region;
  private DemoClient alice;

  @AfterEach
  void stop() {
    region.close();
  }

  private void start(DemoRegionSettings.Builder settings) {
    region =
        DemoRegion.start(settings.allDelays(Duration.ofMillis(100)).build(), NotificationSink.NONE);
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
    start(DemoRegionSettings.builder());
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
  void rateLimitPerVerbAnswers413WithRetryAfter() {
    start(DemoRegionSettings.builder().rateLimitPerMinute(3));
    for (int i = 0; i < 3; i++) {
      assertThat(alice.get(A + "/instances").status()).isEqualTo(200);
    }
    var r = alice.get(A + "/instances");
    assertThat(r.status()).isEqualTo(413);
    assertThat(Integer.parseInt(r.header("Retry-After"))).isBetween(1, 60);
    assertThat(r.json().path("overLimit").path("message").asText())
        .isEqualTo("This request was rate-limited.");
    assertThat(postBackup("other-verb", "").status()).isEqualTo(202);
  }

  @Test
  void backupQuotaIsACounterShownInLimits() {
    start(DemoRegionSettings.builder().backupQuota(2));
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
    start(DemoRegionSettings.builder());
    var full = completedBackup("full", "");
    var inc1 = completedBackup("inc1", ",\"incremental\":1");
    var inc2 = completedBackup("inc2", ",\"incremental\":1");
    assertThat(region.backups(PROJECT_A_ID))
        .extracting(BackupInfo::parentId)
        .containsExactly(inc1, full, null);
    assertThat(alice.delete(A + "/backups/" + full).status()).isEqualTo(202);
    assertThat(region.backups(PROJECT_A_ID)).isEmpty();
    assertThat(alice.get(A + "/backups/" + inc2).status()).isEqualTo(404);
    assertThat(region.backupQuotaUsage(PROJECT_A_ID)).isZero();
    assertThat(alice.delete(A + "/backups/" + full).status()).isEqualTo(404);
  }

  @Test
  void deleteFailHookEndsDeleteFailedAndGivesTheUnitBack() {
    start(DemoRegionSettings.builder());
    var id = completedBackup("keep-DELETE_FAIL", "");
    assertThat(alice.delete(A + "/backups/" + id).status()).isEqualTo(202);
    assertThat(status(id)).isEqualTo("DELETE_FAILED");
    assertThat(region.backupQuotaUsage(PROJECT_A_ID)).isZero();
    var failing = postBackup("x-BACKUP_FAIL", "").json().path("backup").path("id").asText();
    await().atMost(Duration.ofSeconds(5)).until(() -> status(failing).equals("FAILED"));
  }

  @Test
  void instancesNotActiveRefuseBackups() {
    start(DemoRegionSettings.builder());
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
  void mgmtListIsAdminOnlyAndShowsEveryProject() {
    start(DemoRegionSettings.builder());
    var forbidden = alice.get(A + "/mgmt/instances");
    assertThat(forbidden.status()).isEqualTo(403);
    assertThat(forbidden.json().path("forbidden").path("code").asInt()).isEqualTo(403);
    var keeper = new DemoClient(region);
    keeper.login(DemoSeed.KEEPER_USER, DemoSeed.KEEPER_PASSWORD, DemoSeed.SERVICE_PROJECT_ID);
    var all = keeper.get("/v1.0/service/mgmt/instances").json().path("instances");
    assertThat(all).hasSize(3);
    assertThat(all.findValuesAsText("tenant_id"))
        .containsExactlyInAnyOrder(PROJECT_A_ID, PROJECT_A_ID, DemoSeed.PROJECT_B_ID);
    assertThat(all.get(0).path("deleted").asBoolean()).isFalse();
    var gone = instanceA();
    assertThat(keeper.delete(A + "/instances/" + gone).status()).isEqualTo(202);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> region.instance(PROJECT_A_ID, gone).isEmpty());
    assertThat(keeper.get("/v1.0/service/mgmt/instances?deleted=false").json().path("instances"))
        .hasSize(2);
    assertThat(
            keeper
                .get("/v1.0/service/mgmt/instances")
                .json()
                .path("instances")
                .get(0)
                .path("deleted")
                .asBoolean())
        .isTrue();
  }

  @Test
  void listsPageWithLimitAndMarker() {
    start(DemoRegionSettings.builder());
    var page1 = alice.get(A + "/instances?limit=1").json();
    assertThat(page1.path("instances")).hasSize(1);
    var next = page1.path("links").get(0);
    assertThat(next.path("rel").asText()).isEqualTo("next");
    assertThat(next.path("href").asText()).startsWith("https://").contains("marker=" + instanceA());
    var page2 = alice.get(A + "/instances?limit=1&marker=" + instanceA()).json();
    assertThat(page2.path("instances")).hasSize(1);
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
    start(DemoRegionSettings.builder());
    var bob = new DemoClient(region);
    bob.login(DemoSeed.BOB, DemoSeed.BOB_PASSWORD, DemoSeed.PROJECT_B_ID);
    var r = bob.get(A + "/instances");
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.body())
        .contains("User with tenant id demo-project-b cannot access this resource.");
  }
}
