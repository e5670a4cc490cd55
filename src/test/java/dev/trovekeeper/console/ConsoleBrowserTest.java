package dev.trovekeeper.console;

import static dev.trovekeeper.console.ConsoleSignIn.member;
import static dev.trovekeeper.console.ConsoleSignIn.session;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import dev.trovekeeper.demo.DemoSeed;
import dev.trovekeeper.demo.shop.DemoShop;
import dev.trovekeeper.demo.shop.ShopSettings;
import dev.trovekeeper.inventory.TargetRepository;
import dev.trovekeeper.testing.KeystoneTokens;
import dev.trovekeeper.testing.Projects;
import dev.trovekeeper.testing.SqlStatements;
import dev.trovekeeper.testing.Targets;
import dev.trovekeeper.testing.Tenant;
import dev.trovekeeper.testing.TestInfrastructure;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.Select;

/**
 * The web console in a real browser (issue 11, must-shows 1 to 5): Debian's headless Chromium
 * through the system chromedriver. Every page gets a screenshot under {@code
 * target/console-screenshots}, its browser console is asserted free of errors, and its first byte
 * and load time are logged (never asserted).
 */
@QuarkusTest
class ConsoleBrowserTest {

  private static final Pattern CONFIRM_LINK =
      Pattern.compile("/v1/deletions/confirm\\?token=([A-Za-z0-9_.-]+)");

  private static final ObjectMapper JSON = new ObjectMapper();

  private static BrowserSession browser;

  @TestHTTPResource("/")
  URL base;

  @Inject TargetRepository targets;
  @Inject EntityManager em;

  @BeforeEach
  void browser() {
    if (browser == null) {
      browser = new BrowserSession(base.toString());
    }
    browser.driver().manage().deleteAllCookies();
  }

  @AfterAll
  static void close() {
    if (browser != null) {
      browser.close();
      browser = null;
    }
  }

  @Test
  void tenantSetsAPolicyBacksUpWatchesTheBarAndRestores() throws Exception {
    Tenant tenant = Tenant.create("console", 1);
    String user = member(tenant.projectId);
    String instance = tenant.instance(0);

    signInWithKeyboard(user, tenant.projectId);
    assertThat(browser.find("#who").getText()).contains(user).contains(tenant.projectId);
    assertThat(browser.all("#instances tr[data-instance='" + instance + "']")).hasSize(1);
    browser.phoneScreenshot("instances");

    String tier = "console-" + UUID.randomUUID().toString().substring(0, 8);
    admin()
        .body(java.util.Map.of("name", tier, "minKeepLast", 2))
        .post("/v1/admin/tiers")
        .then()
        .statusCode(201);
    admin()
        .body(java.util.Map.of("tier", tier, "ownerEmail", "owner@console.test"))
        .put("/v1/admin/projects/" + tenant.projectId)
        .then()
        .statusCode(200);

    browser.open("/console/policy", "policy");
    assertThat(browser.find("#tier-bounds").getText())
        .contains(tier)
        .contains("keep last at least 2");
    fill("name", "console-policy");
    new Select(browser.find("#scheduleKind")).selectByValue("CRON");
    fill("cronExpression", "every night");
    fill("timeZone", "UTC");
    fill("fullIntervalDays", "0");
    fill("keepLast", "3");
    browser.find("#save-policy").click();
    browser.page("policy-field-error", 400, 422);
    assertThat(browser.find("#cronExpression-error").getText()).isNotBlank();
    assertThat(browser.find("#cronExpression").getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(browser.find("#keepLast").getAttribute("value")).isEqualTo("3");

    fill("cronExpression", "0 0 3 * * ?");
    browser.find("#save-policy").click();
    browser.page("policy-saved");
    assertThat(browser.find("#policy-message").getText()).isEqualTo("Policy saved.");
    assertThat(browser.all("#slots li")).hasSize(5);
    assertThat(browser.all(".field-error")).isEmpty();

    browser.open("/console/instances/" + instance, "instance");
    browser.find("#backup-now").click();
    browser.page("instance-backup-running");
    // a marker that a reload would lose: the bar must reach 100 % on this very page
    browser.driver().executeScript("window.keeperNoReload = 'same page';");
    browser
        .await(Duration.ofSeconds(60))
        .until(d -> "SUCCEEDED".equals(browser.find("#live .progress").getAttribute("data-state")));
    assertThat(browser.find("#live .progress").getAttribute("data-percent")).isEqualTo("100");
    assertThat(browser.find("#live progress").getAttribute("value")).isEqualTo("100");
    browser
        .await(Duration.ofSeconds(20))
        .until(d -> !browser.all("#backups tr[data-status='COMPLETED']").isEmpty());
    browser
        .await(Duration.ofSeconds(20))
        .until(d -> !browser.find("#last-good").getText().equals("–"));
    assertThat(browser.driver().executeScript("return window.keeperNoReload;"))
        .isEqualTo("same page");
    browser.page("instance-backup-done");

    String backupRow = "#backups tr[data-status='COMPLETED']";
    browser.find(backupRow + " input[name='name']").sendKeys("console-copy");
    browser.find(backupRow + " button.restore").click();
    browser.page("instance-restore-running");
    browser
        .await(Duration.ofSeconds(60))
        .until(d -> "SUCCEEDED".equals(browser.find("#live .progress").getAttribute("data-state")));
    assertThat(browser.find("#live .progress").getText()).contains("RESTORE");
    assertThat(TestInfrastructure.region().instances(tenant.projectId))
        .anyMatch(i -> i.name().startsWith("console-copy"));
    browser.screenshot("instance-restored");
    browser.assertNoConsoleErrors("instance-restored");

    browser.open("/console/instances/" + instance, "instance-charts");
    awaitChart("#chart-rpo");
    awaitChart("#chart-backups");
    // one backup: its completion and now on the age line; one point of duration and size
    assertThat(points("#chart-rpo")).isEqualTo(2);
    assertThat(points("#chart-backups")).isEqualTo(1);
    assertThat(browser.all("#chart-rpo canvas")).hasSize(1);
    assertThat(browser.find("#chart-rpo .plot").getAttribute("aria-label"))
        .contains("Recovery point age now");
    browser.screenshotOf("#history", "instance-charts-history");
    browser.assertNoConsoleErrors("instance-charts");
    browser.phoneScreenshot("instance-charts");

    // request deletion of the backup: the owner confirms through the mailed single-use link
    GreenMail mail = TestInfrastructure.smtp().greenMail();
    mail.purgeEmailFromAllMailboxes();
    String backupId =
        browser.find("#backups tr[data-status='COMPLETED']").getAttribute("data-backup");
    browser.find("#delete-" + backupId).click();
    browser.find("#request-deletion").click();
    browser.page("instance-deletion-requested");
    assertThat(browser.find("#instance-message").getText())
        .contains("Deletion of 1 backup(s) requested")
        .contains("o***@console.test");
    assertThat(mail.waitForIncomingEmail(10_000, 1)).isTrue();
    Matcher link = CONFIRM_LINK.matcher(GreenMailUtil.getBody(mail.getReceivedMessages()[0]));
    assertThat(link.find()).isTrue();
    assertThat(backupStatus(tenant, instance, backupId)).isEqualTo("COMPLETED");
    browser.driver().get(browser.url("/v1/deletions/confirm?token=" + link.group(1)));
    browser.screenshot("deletion-confirm");
    assertThat(browser.driver().getPageSource()).contains(backupId);
    browser.find("button[type='submit']").click();
    browser.waitReady();
    browser.screenshot("deletion-confirmed");
    assertThat(browser.driver().getPageSource()).contains("are being deleted");
    assertThat(backupStatus(tenant, instance, backupId)).isIn("DELETING", "DELETED");
  }

  private static String backupStatus(Tenant tenant, String instance, String backupId) {
    List<Map<String, Object>> items =
        tenant.asReader().get("/v1/instances/" + instance + "/backups").jsonPath().getList("items");
    return items.stream()
        .filter(b -> backupId.equals(b.get("id")))
        .map(b -> (String) b.get("status"))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void thePolicyEditorShowsWhatTheEditedRetentionKeepsAndChartsTakeFixedQueries() {
    Tenant tenant = Tenant.create("console-keep", 2);
    String instance = tenant.instance(0);
    long target = Targets.awaitInstance(targets, instance).id;
    Targets.awaitInstance(targets, tenant.instance(1));
    for (int days = 1; days <= 3; days++) {
      sql(
          "INSERT INTO artifacts (public_id, target_id, project_id, external_id, backup_type,"
              + " origin, status, size_bytes, created_at, completed_at, updated_at) VALUES (UUID(), "
              + target
              + ", '"
              + tenant.projectId
              + "', 'keep-"
              + UUID.randomUUID()
              + "', 'FULL', 'SCHEDULED', 'COMPLETED', 1048576, NOW(6) - INTERVAL "
              + days
              + " DAY, NOW(6) - INTERVAL "
              + days
              + " DAY + INTERVAL 1 MINUTE, NOW(6))");
    }
    signIn(member(tenant.projectId), tenant.projectId);
    browser.open("/console/policy", "policy-empty");
    assertThat(browser.all("#retention-preview")).isEmpty();
    fill("name", "keep-one");
    fill("cronExpression", "0 0 3 * * ?");
    fill("timeZone", "UTC");
    fill("fullIntervalDays", "0");
    fill("keepLast", "1");
    browser.find("#preview-retention").click();
    browser.page("policy-retention-preview");
    assertThat(browser.find("#policy-message").getText()).contains("nothing saved");
    String rows = "#retention-preview .retention-target[data-target='" + instance + "'] tr";
    assertThat(browser.all(rows + "[data-verdict]")).hasSize(3);
    assertThat(browser.all(rows + "[data-verdict='PRUNE']")).hasSize(2);
    assertThat(browser.find(rows + "[data-verdict='KEEP']").getText()).contains("KEEP_LAST");
    assertThat(browser.all("#retention-preview ol.strip li.prune")).hasSize(2);
    assertThat(browser.find("#keepLast").getAttribute("value")).isEqualTo("1");
    tenant.asReader().get("/v1/project/policy").then().statusCode(404);
    browser.screenshotOf("#retention-preview", "policy-retention-preview-picture");
    browser.phoneScreenshot("policy-retention-preview");

    // the chart data takes as many queries for three backups as for none
    String session = browser.driver().manage().getCookieNamed("tk_console").getValue();
    long withBackups = chartQueries(session, instance);
    long without = chartQueries(session, tenant.instance(1));
    assertThat(withBackups).isEqualTo(without).isLessThanOrEqualTo(6);
  }

  @Test
  void datasetsTheirBackupsAndTheDiffViewerAndNoneOfItForAnotherTenant() {
    DemoShop shop = TestInfrastructure.region().shop();
    shop.configure(
        ShopSettings.defaults().withSizes(12, 8, 10, 6).withRateLimit(0, Duration.ofSeconds(1)));
    try {
      Tenant tenant = Tenant.create("console-data", 0);
      String dataset = registerShop(tenant, shop);
      signIn(member(tenant.projectId), tenant.projectId);
      browser.open("/console/datasets", "datasets");
      assertThat(browser.find("#datasets tr[data-dataset='" + dataset + "']").getText())
          .contains("shop")
          .contains("REST");
      browser.phoneScreenshot("datasets");

      browser.find("#datasets tr[data-dataset='" + dataset + "'] a").click();
      browser.page("dataset");
      browser.find("#backup-now").click();
      browser.page("dataset-backup-running");
      browser
          .await(Duration.ofSeconds(60))
          .until(
              d -> "SUCCEEDED".equals(browser.find("#live .progress").getAttribute("data-state")));
      browser
          .await(Duration.ofSeconds(20))
          .until(d -> !browser.all("#backups tr[data-status='COMPLETED']").isEmpty());
      browser.assertNoConsoleErrors("dataset-backup-done");

      // the live data moves on: one product changed, one customer added, one collection removed
      ObjectNode product = shop.find("products", 1).orElseThrow();
      product.put("title", "Renamed in the console test");
      assertThat(shop.put("products", 1, product)).isTrue();
      long added = shop.add("customers", JSON.createObjectNode().put("email", "new@x")).get();
      assertThat(shop.delete("collections", 1)).isTrue();

      browser.open("/console/datasets/" + dataset, "dataset-backed-up");
      browser.find("#backups tr[data-status='COMPLETED'] button.compare").click();
      browser.page("diff-running");
      browser
          .await(Duration.ofSeconds(60))
          .until(
              d ->
                  "SUCCEEDED".equals(browser.find("#diff-result").getAttribute("data-state"))
                      && !browser.all("#diff-counts").isEmpty());
      browser.assertNoConsoleErrors("diff-done");
      String diffUrl = browser.driver().getCurrentUrl();
      browser.driver().navigate().refresh();
      browser.page("diff");
      browser.screenshotOf("#diff-result", "diff-changes");
      assertThat(browser.find("#total-added").getText()).isEqualTo("1");
      assertThat(browser.find("#total-changed").getText()).isEqualTo("1");
      assertThat(browser.find("#total-removed").getText()).isEqualTo("1");
      assertThat(browser.find("#changes tr[data-kind='CHANGED'][data-entity='products']").getText())
          .contains("title: now \"Renamed in the console test\"");
      assertThat(browser.all("#changes tr[data-kind='ADDED'][data-id='" + added + "']")).hasSize(1);
      new Select(browser.find("#kind")).selectByValue("REMOVED");
      browser.find("#filter").click();
      browser.page("diff-removed");
      assertThat(browser.all("#changes tr[data-kind]")).hasSize(1);
      assertThat(browser.find("#changes tr[data-kind]").getAttribute("data-entity"))
          .isEqualTo("collections");
      browser.phoneScreenshot("diff-removed");

      // restore two entities of the backup after seeing the estimate
      browser.find("#back-to-dataset").click();
      browser.page("dataset-diffed");
      assertThat(browser.find("#runs").getText()).contains("DIFF");
      browser.find("#backups tr[data-status='COMPLETED'] a.restore").click();
      browser.page("restore-choose");
      browser.find("#scope-entities").click();
      browser.find("#entity-products").click();
      browser.find("#entity-collections").click();
      assertThat(browser.all("#start-restore")).isEmpty();
      browser.find("#estimate").click();
      browser.page("restore-estimate");
      assertThat(browser.all("#restore-estimate tr[data-entity]"))
          .extracting(e -> e.getAttribute("data-entity"))
          .contains("products", "collections");
      browser.phoneScreenshot("restore-estimate");
      browser.find("#start-restore").click();
      browser.page("restore-running");
      browser
          .await(Duration.ofSeconds(60))
          .until(
              d -> "SUCCEEDED".equals(browser.find("#restore-result").getAttribute("data-state")));
      browser.assertNoConsoleErrors("restore-done");
      browser.driver().navigate().refresh();
      browser.page("restore");
      browser.screenshotOf("#restore-result", "restore-result");
      assertThat(browser.find("#count-restored").getText()).startsWith("2 ");
      assertThat(browser.find("#count-failed").getText()).isEqualTo("0");
      assertThat(browser.find("#restore-errors").getText()).contains("No errors");
      assertThat(shop.find("collections", 1)).isPresent();
      assertThat(shop.find("products", 1).orElseThrow().get("title").asText())
          .isNotEqualTo("Renamed in the console test");
      assertThat(shop.find("customers", added)).isPresent();
      String restoreUrl = browser.driver().getCurrentUrl();

      // the migration plan page: the target is chosen by a labelled control, readable on a phone
      browser.open(
          "/console/datasets/" + dataset + "/migration?backup=" + backupOf(tenant, dataset),
          "migration");
      assertThat(browser.find("label[for='targetDatasetId']").getText()).isNotBlank();
      browser.phoneScreenshot("migration");

      // another tenant: the dataset, its backups and the diff are "not found"
      Tenant other = Tenant.create("console-data-other", 0);
      String otherSession = session(member(other.projectId), other.projectId);
      String diffId = diffUrl.replaceAll(".*/console/diffs/([^/?]+).*", "$1");
      for (String path :
          List.of(
              "/console/datasets/" + dataset,
              "/console/diffs/" + diffId,
              "/console/diffs/" + diffId + "?kind=ADDED",
              restoreUrl.replaceAll(".*(/console/dataset-restores/[^/?]+).*", "$1"),
              "/console/datasets/" + dataset + "/restore?backup=" + backupOf(tenant, dataset),
              "/console/datasets/" + dataset + "/migration?backup=" + backupOf(tenant, dataset))) {
        RestAssured.given()
            .redirects()
            .follow(false)
            .cookie("tk_console", otherSession)
            .get(path)
            .then()
            .statusCode(404);
      }
      assertThat(
              RestAssured.given()
                  .cookie("tk_console", otherSession)
                  .get("/console/datasets")
                  .asString())
          .doesNotContain(dataset);
    } finally {
      shop.configure(ShopSettings.defaults());
    }
  }

  private static String backupOf(Tenant tenant, String dataset) {
    return tenant
        .asReader()
        .get("/v1/datasets/" + dataset + "/backups?status=COMPLETED")
        .jsonPath()
        .getString("items[0].id");
  }

  private static String registerShop(Tenant tenant, DemoShop shop) {
    String config =
        """
        {"name": "shop", "source": {"kind": "REST", "config": {"baseUrl": "%s",
          "auth": {"type": "API_KEY", "header": "X-Shop-Key"},
          "rateLimit": {"requests": 200, "window": "PT1S"}, "concurrency": 1,
          "paging": {"type": "PAGE", "pageParam": "page", "limitParam": "limit", "limit": 25},
          "total": {"type": "HEADER", "header": "X-Total-Count"},
          "entities": [
            {"name": "products", "path": "/products", "items": "/products"},
            {"name": "customers", "path": "/customers", "items": "/customers"},
            {"name": "collections", "path": "/collections", "items": "/collections"}]}},
         "credentials": {"apiKey": "%s"}}
        """
            .formatted(shop.apiUrl(), ShopSettings.API_KEY);
    return tenant.createDataset(config);
  }

  private static long chartQueries(String session, String instance) {
    String key = UUID.randomUUID().toString();
    RestAssured.given()
        .cookie("tk_console", session)
        .header(SqlStatements.HEADER, key)
        .get("/console/charts/instances/" + instance)
        .then()
        .statusCode(200);
    return SqlStatements.count(key);
  }

  private void sql(String statement) {
    QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(statement).executeUpdate());
  }

  @Test
  void everyConsoleAnswerCarriesTheHardeningHeadersAndTheBrowserEnforcesTheCsp() {
    String project = Projects.create("console-csp");
    signIn(member(project), project);
    String session = browser.driver().manage().getCookieNamed("tk_console").getValue();
    for (String path :
        List.of(
            "/console/signin",
            "/console/instances",
            "/console/policy",
            "/console/instances/no-such-instance",
            "/console/charts/instances/no-such-instance",
            "/console/static/console.css")) {
      var answer =
          RestAssured.given().redirects().follow(false).cookie("tk_console", session).get(path);
      assertThat(answer.header("Content-Security-Policy"))
          .as(path)
          .contains("default-src 'none'")
          .contains("script-src 'self'")
          .contains("style-src 'self'")
          .contains("frame-ancestors 'none'")
          .doesNotContain("unsafe-inline")
          .doesNotContain("unsafe-eval");
      assertThat(answer.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
      assertThat(answer.header("X-Frame-Options")).as(path).isEqualTo("DENY");
      assertThat(answer.header("Referrer-Policy")).as(path).isEqualTo("no-referrer");
      if (path.contains("/static/")) {
        assertThat(answer.header("Cache-Control")).as(path).doesNotContain("no-store");
      } else {
        assertThat(answer.header("Cache-Control")).as(path).isEqualTo("no-store");
      }
    }
    // the browser enforces it: an inline style is refused and reported (what every page checks)
    browser.open("/console/instances", "csp-probe");
    browser
        .driver()
        .executeScript(
            "document.getElementById('main').insertAdjacentHTML('beforeend',"
                + " '<p id=\"csp-probe\" style=\"color: rgb(255, 0, 0)\">probe</p>');");
    browser.await(Duration.ofSeconds(5)).until(d -> !browser.cspViolations().isEmpty());
    assertThat(browser.cspViolations()).anyMatch(v -> v.startsWith("style-src"));
    assertThat(browser.find("#csp-probe").getCssValue("color")).isNotEqualTo("rgba(255, 0, 0, 1)");
    browser.drainConsole();
    browser.driver().navigate().refresh();
    browser.page("csp-probe-reloaded");
  }

  @Test
  void anotherTenantSeesNoneOfItAndTypedIdsAreNotFound() {
    Tenant owner = Tenant.create("console-owner", 1);
    String ownerInstance = owner.instance(0);
    String ownerRun =
        owner
            .asMember()
            .contentType("application/json")
            .post("/v1/instances/" + ownerInstance + "/backups")
            .then()
            .extract()
            .path("id");
    Tenant other = Tenant.create("console-other", 1);
    signIn(member(other.projectId), other.projectId);

    assertThat(browser.find("#instances").getText()).doesNotContain(ownerInstance);
    assertThat(browser.all("#instances tr[data-instance]")).hasSize(1);

    browser.driver().get(browser.url("/console/instances/" + ownerInstance));
    browser.page("not-found-instance", 404);
    assertThat(browser.find("#error-title").getText()).isEqualTo("Not found");

    browser
        .driver()
        .get(browser.url("/console/instances/" + other.instance(0) + "?run=" + ownerRun));
    browser.page("not-found-run", 404);
    assertThat(browser.find("#error-title").getText()).isEqualTo("Not found");

    browser.open("/console/instances/" + other.instance(0), "instance-other");
    assertThat(browser.driver().getPageSource()).doesNotContain(ownerRun);

    String session = browser.driver().manage().getCookieNamed("tk_console").getValue();
    RestAssured.given()
        .cookie("tk_console", session)
        .get("/console/charts/instances/" + ownerInstance)
        .then()
        .statusCode(404);
    RestAssured.given()
        .cookie("tk_console", session)
        .get("/console/charts/fleet")
        .then()
        .statusCode(403);
  }

  @Test
  void signOutAndAnExpiredSessionGoBackToSignIn() {
    String project = Projects.create("console-out");
    signIn(member(project), project);
    browser.find("#signout").click();
    browser.page("signed-out");
    assertThat(browser.find("#signin-message").getText()).contains("signed out");

    browser.driver().manage().addCookie(new Cookie("tk_console", "A".repeat(43), "/console"));
    browser.open("/console/instances", "session-expired");
    assertThat(browser.driver().getCurrentUrl()).contains("/console/signin?expired=true");
    assertThat(browser.find("#signin-message").getText()).contains("expired");
  }

  @Test
  void handOffLinkSignsInOnceAndRefusesTamperedOrExpiredLinks() {
    Tenant tenant = Tenant.create("console-handoff", 1);
    String user = member(tenant.projectId);
    String userId = DemoSeed.userId(user);
    long now = Instant.now().getEpochSecond();
    String good = handoff(tenant.projectId, userId, now, sign(tenant.projectId, userId, now));

    browser.open(good, "handoff");
    browser.find("#continue").click();
    browser.page("handoff-instances");
    assertThat(browser.find("#who").getText()).contains(tenant.projectId);
    assertThat(browser.all("#instances tr[data-instance='" + tenant.instance(0) + "']")).hasSize(1);

    browser.driver().manage().deleteAllCookies();
    browser.driver().get(browser.url(good));
    browser.page("handoff-reused", 403);
    assertThat(browser.find("#handoff-message").getText()).contains("used already");

    String signature = sign(tenant.projectId, userId, now + 1);
    String tampered = handoff("console-owner-other", userId, now + 1, signature);
    browser.driver().get(browser.url(tampered));
    browser.page("handoff-tampered", 403);
    assertThat(browser.find("#handoff-message").getText()).contains("signature is not valid");

    long old = now - 600;
    browser
        .driver()
        .get(
            browser.url(
                handoff(tenant.projectId, userId, old, sign(tenant.projectId, userId, old))));
    browser.page("handoff-expired", 403);
    assertThat(browser.find("#handoff-message").getText()).contains("expired");
    browser.open("/console/instances", "handoff-refused-no-session");
    assertThat(browser.driver().getCurrentUrl()).contains("/console/signin");
  }

  @Test
  void operatorPausesAProjectTheTenantSeesItPausedThenResumes() {
    Tenant tenant = Tenant.create("console-pause", 1);
    String user = member(tenant.projectId);
    String row = "#projects tr[data-project='" + tenant.projectId + "']";

    signIn(DemoSeed.OPS, DemoSeed.OPS_PASSWORD, DemoSeed.SERVICE_PROJECT_NAME);
    browser.open("/console/operator", "operator");
    browser.find(row + " button.pause").click();
    browser.page("operator-paused");
    assertThat(browser.find(row + " .state").getText()).isEqualTo("paused");
    assertThat(browser.find(row).getText()).contains(DemoSeed.userId(DemoSeed.OPS));

    browser.open("/console/operator/coverage", "operator-coverage");
    String target = "#coverage tr[data-target='" + tenant.instance(0) + "']";
    assertThat(browser.find(target).getText()).contains("PAUSED").contains(tenant.projectId);
    String csv =
        RestAssured.given()
            .cookie("tk_console", browser.driver().manage().getCookieNamed("tk_console").getValue())
            .get("/console/operator/coverage.csv")
            .then()
            .statusCode(200)
            .contentType(org.hamcrest.Matchers.startsWith("text/csv"))
            .extract()
            .asString();
    assertThat(csv).contains(tenant.instance(0));
    awaitChart("#chart-coverage");
    awaitChart("#chart-outcomes");
    assertThat(points("#chart-coverage")).isEqualTo(ChartData.FLEET_DAYS);
    assertThat(browser.all("#chart-coverage canvas")).hasSize(1);
    browser.screenshotOf("#fleet-history", "operator-coverage-charts");
    browser.assertNoConsoleErrors("operator-coverage-charts");
    browser.phoneScreenshot("operator-coverage");
    browser.open("/console/operator/queue", "operator-queue");
    assertThat(browser.find("#queue-counts").getText()).contains("Active");
    browser.open("/console/operator/audit?project=" + tenant.projectId, "operator-audit");
    assertThat(browser.all("#audit tr[data-action='project.pause']")).hasSize(1);
    // tiers and a project's settings: screenshots, no console errors, first byte measured
    browser.open("/console/operator/tiers", "operator-tiers");
    assertThat(browser.all("#create-tier")).hasSize(1);
    browser.open("/console/operator/settings/" + tenant.projectId, "operator-project-settings");
    assertThat(browser.find("#project-state").getText()).startsWith("Paused");
    browser.phoneScreenshot("operator-project-settings");

    browser.driver().manage().deleteAllCookies();
    signIn(user, tenant.projectId);
    assertThat(browser.find("#paused-banner").getText()).contains("paused");
    browser.open("/console/instances/" + tenant.instance(0), "instance-paused");
    assertThat(browser.find("#protection").getText()).isEqualTo("PAUSED");
    assertThat(browser.all("a[href='/console/operator']")).isEmpty();
    browser.driver().get(browser.url("/console/operator"));
    browser.page("operator-forbidden", 403);

    browser.driver().manage().deleteAllCookies();
    signIn(DemoSeed.OPS, DemoSeed.OPS_PASSWORD, DemoSeed.SERVICE_PROJECT_NAME);
    browser.open("/console/operator", "operator-before-resume");
    browser.find(row + " button.resume").click();
    browser.page("operator-resumed");
    assertThat(browser.find(row + " .state").getText()).isEqualTo("active");
  }

  @Test
  void theProjectSwitcherListsTheUsersProjectsAndSwitches() {
    String first = Projects.create("console-first");
    String second = Projects.create("console-second");
    String user = member(first);
    TestInfrastructure.region().grant(DemoSeed.userId(user), second, DemoSeed.ROLE_READER);
    signIn(user, first);
    var switcher = new Select(browser.find("#project-switch"));
    assertThat(switcher.getOptions())
        .extracting(o -> o.getAttribute("value"))
        .contains(first, second);
    switcher.selectByValue(second);
    browser.find("#project-switch + button").click();
    browser.page("instances-switched");
    assertThat(browser.find("#who").getText()).endsWith("in " + second);
  }

  @Test
  void formsWithoutTheCsrfTokenChangeNothingAndTheCookieIsHttpOnlyAndStrict() {
    Tenant tenant = Tenant.create("console-csrf", 1);
    String user = member(tenant.projectId);
    var form = RestAssured.given().redirects().follow(false).get("/console/signin");
    String csrf = ConsoleSignIn.csrf(form.asString());
    var signedIn =
        RestAssured.given()
            .redirects()
            .follow(false)
            .cookie("tk_signin", form.cookie("tk_signin"))
            .formParam("csrf", csrf)
            .formParam("user", user)
            .formParam("password", "pw")
            .formParam("domain", "Default")
            .formParam("project", tenant.projectId)
            .post("/console/signin");
    assertThat(signedIn.statusCode()).isEqualTo(303);
    assertThat(signedIn.header("Location")).endsWith("/console/instances");
    String setCookie =
        signedIn.headers().getValues("Set-Cookie").stream()
            .filter(c -> c.startsWith("tk_console="))
            .findFirst()
            .orElseThrow();
    assertThat(setCookie)
        .contains("HttpOnly")
        .contains("SameSite=Strict")
        .contains("Path=/console");
    String session = signedIn.cookie("tk_console");

    var refused =
        RestAssured.given()
            .redirects()
            .follow(false)
            .cookie("tk_console", session)
            .formParam("csrf", "not-the-token")
            .post("/console/instances/" + tenant.instance(0) + "/backups");
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(
            tenant
                .asReader()
                .get("/v1/instances/" + tenant.instance(0) + "/runs")
                .jsonPath()
                .getList("items"))
        .isEmpty();

    var wrongSignIn =
        RestAssured.given()
            .redirects()
            .follow(false)
            .cookie("tk_signin", form.cookie("tk_signin"))
            .formParam("csrf", "forged")
            .formParam("user", user)
            .formParam("password", "pw")
            .formParam("project", tenant.projectId)
            .post("/console/signin");
    assertThat(wrongSignIn.statusCode()).isEqualTo(403);
    assertThat(wrongSignIn.cookie("tk_console")).isNull();
  }

  private static void awaitChart(String css) {
    browser
        .await(Duration.ofSeconds(10))
        .until(d -> browser.find(css).getAttribute("data-ready") != null);
    assertThat(browser.find(css).getAttribute("data-ready"))
        .as("%s: %s", css, browser.find(css).getAttribute("data-error"))
        .isEqualTo("true");
  }

  private static int points(String css) {
    return Integer.parseInt(browser.find(css).getAttribute("data-points"));
  }

  private static io.restassured.specification.RequestSpecification admin() {
    return RestAssured.given()
        .header("X-Auth-Token", KeystoneTokens.admin())
        .contentType("application/json");
  }

  private static void signIn(String user, String project) {
    signIn(user, "pw", project);
  }

  private static void signIn(String user, String password, String project) {
    browser.open("/console/signin", "signin");
    fill("user", user);
    fill("password", password);
    fill("project", project);
    browser.find("#signin").click();
    browser.page("instances");
    assertThat(browser.driver().getCurrentUrl()).endsWith("/console/instances");
  }

  /** Signs in with the keyboard only: typing, Tab between fields, Enter to submit. */
  private static void signInWithKeyboard(String user, String project) {
    browser.open("/console/signin", "signin");
    browser.find("#user").click();
    browser
        .driver()
        .switchTo()
        .activeElement()
        .sendKeys(user, Keys.TAB, "pw", Keys.TAB, Keys.TAB, project, Keys.ENTER);
    browser.page("instances");
    assertThat(browser.driver().getCurrentUrl()).endsWith("/console/instances");
  }

  private static void fill(String id, String value) {
    var field = browser.driver().findElement(By.id(id));
    field.clear();
    field.sendKeys(value);
  }

  private static String sign(String project, String userId, long ts) {
    return HandoffSignature.sign(TestInfrastructure.CONSOLE_HANDOFF_SECRET, project, userId, ts);
  }

  private static String handoff(String project, String userId, long ts, String sig) {
    return "/console/handoff?project=" + project + "&user=" + userId + "&ts=" + ts + "&sig=" + sig;
  }
}
