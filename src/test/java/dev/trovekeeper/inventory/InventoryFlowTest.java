package dev.trovekeeper.inventory;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItems;

import dev.trovekeeper.demo.DemoSeed;
import dev.trovekeeper.demo.InstanceInfo;
import dev.trovekeeper.testing.KeystoneTokens;
import dev.trovekeeper.testing.TestInfrastructure;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Instances reach the inventory by notification (real Kafka) and by reconcile, and the API. */
@QuarkusTest
class InventoryFlowTest {

  @Inject ReconcileJob reconcile;
  @Inject TargetRepository targets;

  @Test
  void reconcileListsEveryProjectsInstances() {
    reconcile.reconcileNow();
    // Every /v1 call is authenticated; the operator lists all projects.
    String ops =
        KeystoneTokens.issue(DemoSeed.OPS, DemoSeed.OPS_PASSWORD, DemoSeed.SERVICE_PROJECT_ID);
    given()
        .header("X-Auth-Token", ops)
        .queryParam("limit", 500)
        .when()
        .get("/v1/instances")
        .then()
        .statusCode(200)
        .body("items.projectId", hasItems(DemoSeed.PROJECT_A_ID, DemoSeed.PROJECT_B_ID));
    given()
        .header("X-Auth-Token", ops)
        .queryParam("project", DemoSeed.PROJECT_B_ID)
        .when()
        .get("/v1/instances")
        .then()
        .statusCode(200)
        .body("items.projectId.unique()", org.hamcrest.Matchers.contains(DemoSeed.PROJECT_B_ID));
  }

  @Test
  void aNewInstanceArrivesByNotificationAndItsDeleteIsRecorded() {
    InstanceInfo created =
        TestInfrastructure.region().createInstance(DemoSeed.PROJECT_A_ID, "notified-db");
    Target target = awaitTarget(created.id());
    assertThat(target.discoveredBy).isEqualTo(DiscoverySource.NOTIFICATION);
    assertThat(target.projectId).isEqualTo(DemoSeed.PROJECT_A_ID);
    assertThat(target.status).isEqualTo("ACTIVE");

    deleteInstance(created);
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> Target.STATUS_DELETED.equals(find(created.id()).status));
  }

  @Test
  void reconcileMarksAnInstanceTroveNoLongerListsAsVanished() {
    InstanceInfo created =
        TestInfrastructure.region().createInstance(DemoSeed.PROJECT_B_ID, "vanishing-db");
    awaitTarget(created.id());
    // Lost delete notification: the instance is gone from Trove, the service was not told.
    TestInfrastructure.region()
        .setInstanceStatus(DemoSeed.PROJECT_B_ID, created.id(), "SHUTDOWN", "");
    deleteInstance(created);
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                TestInfrastructure.region()
                    .instance(DemoSeed.PROJECT_B_ID, created.id())
                    .isEmpty());
    reconcile.reconcileNow();
    assertThat(find(created.id()).isGone()).isTrue();
  }

  @Test
  void reconcileTakesTrovesOneUnpagedAnswerInBoundedChunks() {
    String project = "bulk-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    List<InstanceInfo> bulk =
        TestInfrastructure.region().addInstancesSilently(project, "bulk-db", 600);
    long listings = TestInfrastructure.region().requestCount("GET", "/mgmt/instances");

    ReconcileReport report = reconcile.reconcileNow(100);

    assertThat(TestInfrastructure.region().requestCount("GET", "/mgmt/instances"))
        .as("one answer for the whole fleet")
        .isEqualTo(listings + 1);
    assertThat(report.listed()).isGreaterThanOrEqualTo(600);
    assertThat(report.largestChunk()).as("bounded work per transaction").isEqualTo(100);
    // 6 chunks or more of the listing, then the vanish check (which reads only candidates)
    assertThat(report.transactions()).isGreaterThanOrEqualTo(6 + 1);
    assertThat(report.added()).isGreaterThanOrEqualTo(600);
    List<Target> known =
        QuarkusTransaction.requiringNew()
            .call(() -> targets.listByProject(TargetKind.TROVE_INSTANCE, project));
    assertThat(known).hasSize(600).allSatisfy(t -> assertThat(t.status).isEqualTo("ACTIVE"));

    // Trove forgets them all without a notification: vanished, page by page
    bulk.forEach(i -> TestInfrastructure.region().forgetInstance(project, i.id()));
    ReconcileReport after = reconcile.reconcileNow(100);
    assertThat(after.vanished()).isGreaterThanOrEqualTo(600);
    assertThat(after.largestChunk()).isEqualTo(100);
    assertThat(
            QuarkusTransaction.requiringNew()
                .call(() -> targets.listByProject(TargetKind.TROVE_INSTANCE, project)))
        .allSatisfy(t -> assertThat(t.status).isEqualTo(Target.STATUS_VANISHED));
  }

  @Test
  void aClusterMemberIsNotMarkedVanished() {
    InstanceInfo member =
        TestInfrastructure.region()
            .createClusterMember(DemoSeed.PROJECT_A_ID, "cluster-member-db", "cluster-1");
    awaitTarget(member.id());
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> "ACTIVE".equals(find(member.id()).status));

    reconcile.reconcileNow();

    Target target = find(member.id());
    assertThat(target.isGone()).as("Trove lists cluster members when asked to").isFalse();
    assertThat(target.status).isEqualTo("ACTIVE");
  }

  private void deleteInstance(InstanceInfo instance) {
    given()
        .baseUri(TestInfrastructure.region().troveUrl(instance.projectId()))
        .header("X-Auth-Token", KeystoneTokens.admin())
        .when()
        .delete("/instances/" + instance.id())
        .then()
        .statusCode(202);
  }

  private Target awaitTarget(String externalId) {
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> find(externalId) != null);
    return find(externalId);
  }

  private Target find(String externalId) {
    return QuarkusTransaction.requiringNew()
        .call(() -> targets.findByExternalId(TargetKind.TROVE_INSTANCE, externalId).orElse(null));
  }
}
