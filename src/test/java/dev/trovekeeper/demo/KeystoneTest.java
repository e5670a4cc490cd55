package dev.trovekeeper.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Keystone v3: password and application-credential auth, scoping, validation, expiry. */
class KeystoneTest {

  private static final String TOKENS = "/identity/v3/auth/tokens";
  private DemoRegion region;

  @AfterEach
  void stop() {
    region.close();
  }

  private DemoClient start(DemoRegionSettings settings) {
    region = DemoRegion.start(settings, NotificationSink.NONE);
    return new DemoClient(region);
  }

  @Test
  void passwordAuthScopedByProjectIdGivesAKeystoneShapedToken() {
    var client = start(DemoRegionSettings.defaults());
    var body =
        "{\"auth\":{\"identity\":{\"methods\":[\"password\"],\"password\":{\"user\":{\"name\":\"alice\","
            + "\"domain\":{\"name\":\"Default\"},\"password\":\"alice-secret\"}}},"
            + "\"scope\":{\"project\":{\"id\":\"demo-project-a\"}}}}";
    var r = client.post(TOKENS, body);
    assertThat(r.status()).isEqualTo(201);
    assertThat(r.header("X-Subject-Token")).isNotBlank();
    var token = r.json().path("token");
    assertThat(token.path("methods").toString()).isEqualTo("[\"password\"]");
    assertThat(token.path("user").path("name").asText()).isEqualTo("alice");
    assertThat(token.path("user").path("domain").path("id").asText()).isEqualTo("default");
    assertThat(token.path("project").path("name").asText()).isEqualTo("demo-a");
    assertThat(token.path("roles").get(0).path("name").asText()).isEqualTo("member");
    assertThat(token.path("expires_at").asText())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
    var catalog = token.path("catalog");
    var database = catalog.get(0);
    assertThat(database.path("type").asText()).isEqualTo("database");
    assertThat(database.path("name").asText()).isEqualTo("trove");
    assertThat(database.path("endpoints")).hasSize(3);
    assertThat(database.path("endpoints").get(0).path("url").asText())
        .isEqualTo(region.troveUrl("demo-project-a"));
    assertThat(database.path("endpoints").get(0).path("region_id").asText()).isEqualTo("RegionOne");
    assertThat(catalog.get(1).path("endpoints").get(0).path("url").asText())
        .isEqualTo(region.authUrl());
  }

  @Test
  void projectScopeByNameAndDomain() {
    var client = start(DemoRegionSettings.defaults());
    var body =
        "{\"auth\":{\"identity\":{\"methods\":[\"password\"],\"password\":{\"user\":{\"id\":\"u-bob\","
            + "\"password\":\"bob-secret\"}}},"
            + "\"scope\":{\"project\":{\"name\":\"demo-b\",\"domain\":{\"id\":\"default\"}}}}}";
    var r = client.post(TOKENS, body);
    assertThat(r.status()).isEqualTo(201);
    assertThat(r.json().path("token").path("project").path("id").asText())
        .isEqualTo("demo-project-b");
  }

  @Test
  void applicationCredentialAuthIsScopedToItsProject() {
    var client = start(DemoRegionSettings.defaults());
    var body =
        "{\"auth\":{\"identity\":{\"methods\":[\"application_credential\"],"
            + "\"application_credential\":{\"id\":\""
            + DemoSeed.KEEPER_APP_CREDENTIAL_ID
            + "\",\"secret\":\""
            + DemoSeed.KEEPER_APP_CREDENTIAL_SECRET
            + "\"}}}}";
    var r = client.post(TOKENS, body);
    assertThat(r.status()).isEqualTo(201);
    var token = r.json().path("token");
    assertThat(token.path("methods").get(0).asText()).isEqualTo("application_credential");
    assertThat(token.path("project").path("id").asText()).isEqualTo("service");
    assertThat(token.path("roles").get(0).path("name").asText()).isEqualTo("admin");
    var wrong = body.replace(DemoSeed.KEEPER_APP_CREDENTIAL_SECRET, "nope");
    assertThat(client.post(TOKENS, wrong).status()).isEqualTo(401);
  }

  @Test
  void badCredentialsAndForeignProjectsGive401() {
    var client = start(DemoRegionSettings.defaults());
    var r = client.post(TOKENS, passwordBody("alice", "wrong", "demo-project-a"));
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.body())
        .isEqualTo(
            "{\"error\":{\"code\":401,\"message\":\"The request you have made requires"
                + " authentication.\",\"title\":\"Unauthorized\"}}");
    assertThat(
            client.post(TOKENS, passwordBody("alice", "alice-secret", "demo-project-b")).status())
        .isEqualTo(401);
  }

  @Test
  void validatesTokensWithGet() {
    var client = start(DemoRegionSettings.defaults());
    var service = client.login(DemoSeed.KEEPER_USER, DemoSeed.KEEPER_PASSWORD, "service");
    var alice = new DemoClient(region).login("alice", "alice-secret", "demo-project-a");
    var ok = validate(client, service, alice);
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.json().path("token").path("user").path("name").asText()).isEqualTo("alice");
    assertThat(validate(client, service, "unknown").status()).isEqualTo(404);
    assertThat(validate(client, "bogus", alice).status()).isEqualTo(401);
  }

  @Test
  void expiredTokensAreRefused() {
    var client = start(DemoRegionSettings.builder().tokenTtl(Duration.ofMillis(600)).build());
    var service = new DemoClient(region).login(DemoSeed.OPS, DemoSeed.OPS_PASSWORD, "service");
    var alice = client.login("alice", "alice-secret", "demo-project-a");
    assertThat(client.get("/v1.0/demo-project-a/instances").status()).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(3))
        .until(() -> client.get("/v1.0/demo-project-a/instances").status() == 401);
    assertThat(validate(client, service, alice).status()).isIn(401, 404);
  }

  private static DemoClient.Response validate(DemoClient client, String caller, String subject) {
    var http = java.net.http.HttpClient.newHttpClient();
    var req =
        java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + portOf(client) + TOKENS))
            .header("X-Auth-Token", caller)
            .header("X-Subject-Token", subject)
            .GET()
            .build();
    try {
      var r = http.send(req, java.net.http.HttpResponse.BodyHandlers.ofString());
      return new DemoClient.Response(r.statusCode(), r.body(), r.headers());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static int portOf(DemoClient client) {
    return client.port();
  }

  private static String passwordBody(String user, String password, String project) {
    return "{\"auth\":{\"identity\":{\"methods\":[\"password\"],\"password\":{\"user\":{\"name\":\""
        + user
        + "\",\"domain\":{\"name\":\"Default\"},\"password\":\""
        + password
        + "\"}}},"
        + "\"scope\":{\"project\":{\"id\":\""
        + project
        + "\"}}}}";
  }

  @Test
  void aTokenRescopesToAnotherProjectOfItsUserOnly() {
    var client = start(DemoRegionSettings.defaults());
    region.grant(DemoSeed.userId("alice"), "demo-project-b", DemoSeed.ROLE_READER);
    String token = client.login("alice", "alice-secret", "demo-project-a");
    var projects = client.token(token).get("/identity/v3/auth/projects");
    assertThat(projects.status()).isEqualTo(200);
    assertThat(projects.json().path("projects").findValuesAsText("id"))
        .containsExactly("demo-project-a", "demo-project-b");
    var rescope =
        "{\"auth\":{\"identity\":{\"methods\":[\"token\"],\"token\":{\"id\":\"%s\"}},"
            + "\"scope\":{\"project\":{\"id\":\"%s\"}}}}";
    var b = client.post(TOKENS, rescope.formatted(token, "demo-project-b"));
    assertThat(b.status()).isEqualTo(201);
    assertThat(b.json().path("token").path("project").path("id").asText())
        .isEqualTo("demo-project-b");
    assertThat(b.json().path("token").path("roles").get(0).path("name").asText())
        .isEqualTo("reader");
    assertThat(client.post(TOKENS, rescope.formatted(token, "service")).status()).isEqualTo(401);
    assertThat(client.post(TOKENS, rescope.formatted("nope", "demo-project-a")).status())
        .isEqualTo(401);
  }

  @Test
  void roleAssignmentsAreListedToAnAdminOnly() {
    var client = start(DemoRegionSettings.defaults());
    String path = "/identity/v3/role_assignments?user.id=u-alice&scope.project.id=demo-project-a";
    client.login(DemoSeed.KEEPER_USER, DemoSeed.KEEPER_PASSWORD, DemoSeed.SERVICE_PROJECT_ID);
    var r = client.get(path + "&include_names=true");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("role_assignments").findValuesAsText("name"))
        .containsExactly("member");
    client.login("alice", "alice-secret", "demo-project-a");
    assertThat(client.get(path).status()).isEqualTo(403);
  }
}
