package dev.trovekeeper.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import dev.trovekeeper.testing.KeystoneTokens;
import dev.trovekeeper.testing.Tenant;
import dev.trovekeeper.testing.TenantData;
import dev.trovekeeper.testing.TestInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.mail.MessagingException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The console's tenant-data pages over plain HTTP (no browser): the shared live-run card, the diff
 * of two backups, a restore of single objects, the migration plan and its start, and a dataset's
 * deletion request. Each dataset's backups are archives written directly (no source is read).
 */
@QuarkusTest
class ConsoleDatasetPagesTest {

  private static final Pattern REFRESH = Pattern.compile("data-refresh=\"([^\"]+)\"");

  @Test
  void twoBackupsAreComparedAndTheDatasetPageFollowsTheRunInTheSharedLiveCard() {
    Tenant tenant = Tenant.create("cpages-diff", 0);
    String dataset = tenant.createDataset(TenantData.DATASET);
    String older = TenantData.datasetBackup(dataset);
    String newer = TenantData.datasetBackup(dataset);
    ConsoleClient console = ConsoleClient.member(tenant);

    String page = console.get("/console/datasets/" + dataset).asString();
    assertThat(page).contains("id=\"compare-other\"").contains("<option value=\"" + older + "\">");
    Response compared =
        console.post(
            "/console/datasets/" + dataset + "/diffs",
            Map.of("backupId", newer, "otherBackupId", older));
    assertThat(compared.statusCode()).isEqualTo(303);
    String diff = compared.header("Location").replaceAll(".*/console/diffs/", "");
    tenant
        .asReader()
        .get("/v1/diffs/" + diff)
        .then()
        .statusCode(200)
        .body("backupId", org.hamcrest.Matchers.equalTo(newer))
        .body("otherBackupId", org.hamcrest.Matchers.equalTo(older));
    awaitRun(tenant, diff, "SUCCEEDED");
    assertThat(console.get("/console/diffs/" + diff).asString())
        .contains("Diff of a backup with another backup")
        .contains(newer + " against " + older)
        .contains("id=\"diff-counts\"")
        // the diff page offers the same backup against the live data or another backup
        .contains("<select id=\"compare-with\" name=\"otherBackupId\">")
        .contains("<option value=\"" + older + "\" selected>")
        .doesNotContain("<option value=\"" + newer + "\"");

    // a bad choice is refused, another project's backup is not found; no run is made
    assertThat(
            console
                .post(
                    "/console/datasets/" + dataset + "/diffs",
                    Map.of("backupId", newer, "otherBackupId", "not-a-backup"))
                .statusCode())
        .isEqualTo(400);
    assertThat(
            console
                .post(
                    "/console/datasets/" + dataset + "/diffs",
                    Map.of("backupId", newer, "otherBackupId", UUID.randomUUID().toString()))
                .statusCode())
        .isEqualTo(404);

    // the dataset page follows the run in the shared card; each part it refreshes is on the page
    String following = console.get("/console/datasets/" + dataset + "?run=" + diff).asString();
    assertThat(following)
        .contains("<section aria-labelledby=\"run-h\" class=\"card\" id=\"live-run\"");
    assertThat(following).contains("id=\"progress-" + diff + "\"");
    List<String> refreshed = all(REFRESH.matcher(following));
    assertThat(refreshed).containsExactly("backups-section", "runs-section");
    refreshed.forEach(id -> assertThat(following).contains("id=\"" + id + "\""));
  }

  @Test
  void aRestoreOfSingleObjectsByIdShowsItsEstimateAndStartsWithThatSelection() {
    Tenant tenant = Tenant.create("cpages-objects", 0);
    String dataset = tenant.createDataset(TenantData.DATASET);
    String backup = TenantData.datasetBackup(dataset);
    ConsoleClient console = ConsoleClient.member(tenant);
    String form = "/console/datasets/" + dataset + "/restore";
    assertThat(console.get(form + "?backup=" + backup).asString())
        .contains("<textarea id=\"objects-products\" name=\"objectIds\"");

    String composite = "[2, \"a b\"]";
    Response estimate =
        console.post(form, objects(backup, "products", "1\n\n" + composite + "\n", "estimate"));
    assertThat(estimate.statusCode()).isEqualTo(200);
    // products: 1 object in the backup, 2 selected, read twice, 2 writes at most
    assertThat(estimate.asString())
        .contains("<tr data-entity=\"products\"><td>products</td><td>1</td><td>2</td>")
        .contains(">1\n\n" + composite.replace("\"", "&quot;") + "</textarea>")
        .contains("id=\"start-restore\"");

    Response started = console.post(form, objects(backup, "products", "1\n" + composite, "start"));
    assertThat(started.statusCode()).isEqualTo(303);
    String restore = started.header("Location").replaceAll(".*/console/dataset-restores/", "");
    var selection =
        tenant.asReader().get("/v1/dataset-restores/" + restore).then().statusCode(200).extract();
    assertThat(selection.jsonPath().getList("selection.objects.id"))
        .containsExactly("1", composite);
    assertThat(selection.jsonPath().getList("selection.objects.entity"))
        .containsExactly("products", "products");
    assertThat(selection.jsonPath().getList("selection.entities")).isEmpty();
    assertThat(console.get("/console/dataset-restores/" + restore).asString())
        .contains(
            "<dd id=\"restore-selection\">objects: products 1, products "
                + composite.replace("\"", "&quot;"));

    // an entity the source does not have, or nothing chosen: 400, no restore
    assertThat(console.post(form, objects(backup, "orders", "1", "start")).statusCode())
        .isEqualTo(400);
    assertThat(console.post(form, objects(backup, "products", " \n", "start")).statusCode())
        .isEqualTo(400);
    assertThat(
            tenant
                .asReader()
                .get("/v1/datasets/" + dataset + "/runs")
                .jsonPath()
                .getList("items.findAll { it.operation == 'RESTORE_DATA' }"))
        .hasSize(1);
  }

  @Test
  void theMigrationPlanIsShownAsADryRunAndTheMigrationStartsFromIt() {
    Tenant tenant = Tenant.create("cpages-migrate", 0);
    String source = tenant.createDataset(TenantData.DATASET);
    String target =
        tenant.createDataset(
            TenantData.DATASET
                .replace("\"shop\"", "\"shop-b\"")
                .replace("/shop/api", "/shop/t/b/api"));
    String backup = TenantData.datasetBackup(source);
    ConsoleClient console = ConsoleClient.member(tenant);
    String path = "/console/datasets/" + source + "/migration";

    assertThat(console.get("/console/datasets/" + source).asString())
        .contains(path + "?backup=" + backup);
    assertThat(console.get(path + "?backup=" + backup).asString())
        .contains("<option value=\"" + target + "\"")
        .doesNotContain("<option value=\"" + source + "\"")
        .doesNotContain("id=\"start-migration\"");
    Response plan =
        console.post(path, Map.of("backupId", backup, "targetDatasetId", target, "action", "plan"));
    assertThat(plan.statusCode()).isEqualTo(200);
    assertThat(plan.asString())
        .contains("id=\"migration-plan\"")
        .contains("1 to create, 0 to update, 0 natural-key collision(s).")
        .contains(
            "<tr data-entity=\"products\"><td>products</td><td>1</td><td class=\"create\">1</td>")
        .contains("No cycles.")
        .contains("id=\"start-migration\"");
    assertThat(plan.asString()).contains("name=\"plannedTargetId\" value=\"" + target + "\"");
    assertThat(runs(tenant, target)).isEmpty();

    // "Start" with another dataset selected than the planned one shows that one's plan instead
    String third =
        tenant.createDataset(
            TenantData.DATASET
                .replace("\"shop\"", "\"shop-c\"")
                .replace("/shop/api", "/shop/t/c/api"));
    Response replanned =
        console.post(
            path,
            Map.of(
                "backupId", backup,
                "targetDatasetId", third,
                "plannedTargetId", target,
                "action", "start"));
    assertThat(replanned.statusCode()).isEqualTo(200);
    assertThat(replanned.asString())
        .contains("id=\"plan-notice\"")
        .contains("name=\"plannedTargetId\" value=\"" + third + "\"");
    assertThat(runs(tenant, third)).isEmpty();
    assertThat(runs(tenant, target)).isEmpty();

    Response started =
        console.post(
            path,
            Map.of(
                "backupId", backup,
                "targetDatasetId", target,
                "plannedTargetId", target,
                "action", "start"));
    assertThat(started.statusCode()).isEqualTo(303);
    assertThat(started.header("Location")).contains("/console/datasets/" + target + "?run=");
    String run = started.header("Location").replaceAll(".*\\?run=", "");
    assertThat(runs(tenant, target)).containsExactly("MIGRATE");
    assertThat(console.get("/console/datasets/" + target + "?run=" + run).asString())
        .contains("id=\"live-run\"")
        .contains("id=\"progress-" + run + "\"")
        .contains("MIGRATE");

    // into itself: refused with the service's reason, nothing started
    Response itself =
        console.post(
            path, Map.of("backupId", backup, "targetDatasetId", source, "action", "start"));
    assertThat(itself.statusCode()).isEqualTo(422);
    assertThat(itself.asString()).contains("another dataset");
    assertThat(runs(tenant, source)).isEmpty();
  }

  @Test
  void aDatasetsDeletionIsRequestedFromItsPageAndWaitsForTheOwnersMail() throws Exception {
    Tenant tenant = Tenant.create("cpages-delete", 0);
    String owner = "owner-" + UUID.randomUUID().toString().substring(0, 8) + "@console.test";
    RestAssured.given()
        .header("X-Auth-Token", KeystoneTokens.admin())
        .contentType("application/json")
        .body(Map.of("ownerEmail", owner))
        .put("/v1/admin/projects/" + tenant.projectId)
        .then()
        .statusCode(200);
    String dataset = tenant.createDataset(TenantData.DATASET);
    ConsoleClient console = ConsoleClient.member(tenant);
    assertThat(console.get("/console/datasets/" + dataset).asString())
        .contains("id=\"deletion-form\"");

    Response requested = console.post("/console/datasets/" + dataset + "/deletions", Map.of());
    assertThat(requested.statusCode()).isEqualTo(200);
    assertThat(requested.asString())
        .contains("id=\"dataset-message\"")
        .contains("Deletion of the dataset requested")
        .contains("o***@console.test");
    GreenMail mail = TestInfrastructure.smtp().greenMail();
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                subjects(mail)
                    .contains(
                        "Confirm deleting dataset " + dataset + " of project " + tenant.projectId));
    tenant
        .asReader()
        .get("/v1/datasets/" + dataset)
        .then()
        .statusCode(200)
        .body("status", org.hamcrest.Matchers.not("DELETED"));

    // another project's member: not found, nothing mailed
    Tenant other = Tenant.create("cpages-delete-other", 0);
    int mails = mail.getReceivedMessages().length;
    assertThat(
            ConsoleClient.member(other)
                .post("/console/datasets/" + dataset + "/deletions", Map.of())
                .statusCode())
        .isEqualTo(404);
    assertThat(mail.getReceivedMessages()).hasSize(mails);
  }

  private static Map<String, Object> objects(
      String backup, String entity, String ids, String action) {
    return Map.of(
        "backupId", backup,
        "scope", "entities",
        "objectEntity", entity,
        "objectIds", ids,
        "action", action);
  }

  private static List<String> runs(Tenant tenant, String dataset) {
    return tenant
        .asReader()
        .get("/v1/datasets/" + dataset + "/runs")
        .jsonPath()
        .getList("items.operation");
  }

  private static void awaitRun(Tenant tenant, String run, String state) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> state.equals(tenant.asReader().get("/v1/runs/" + run).path("state")));
  }

  private static List<String> subjects(GreenMail mail) {
    return Arrays.stream(mail.getReceivedMessages())
        .map(
            m -> {
              try {
                return m.getSubject();
              } catch (MessagingException e) {
                throw new IllegalStateException(e);
              }
            })
        .toList();
  }

  private static List<String> all(Matcher m) {
    List<String> out = new ArrayList<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }
}
