package dev.trovekeeper.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trovekeeper.demo.DemoSeed;
import dev.trovekeeper.testing.KeystoneTokens;
import dev.trovekeeper.testing.Projects;
import dev.trovekeeper.testing.Tenant;
import dev.trovekeeper.testing.TestInfrastructure;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
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

  private static BrowserSession browser;

  @TestHTTPResource("/")
  URL base;

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
  void tenantSetsAPolicyBacksUpWatchesTheBarAndRestores() {
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
        .body(java.util.Map.of("tier", tier))
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
    browser.open("/console/operator/queue", "operator-queue");
    assertThat(browser.find("#queue-counts").getText()).contains("Active");
    browser.open("/console/operator/audit?project=" + tenant.projectId, "operator-audit");
    assertThat(browser.all("#audit tr[data-action='project.pause']")).hasSize(1);

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
    String csrf = hidden(form.asString());
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

  private static String hidden(String html) {
    var m = java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(html);
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  private static io.restassured.specification.RequestSpecification admin() {
    return RestAssured.given()
        .header("X-Auth-Token", KeystoneTokens.admin())
        .contentType("application/json");
  }

  /** A member of the project with password "pw"; returns the user name. */
  private static String member(String projectId) {
    String user = "cm-" + UUID.randomUUID().toString().substring(0, 8);
    TestInfrastructure.region().addUser(user, "pw", projectId, DemoSeed.ROLE_MEMBER);
    return user;
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
