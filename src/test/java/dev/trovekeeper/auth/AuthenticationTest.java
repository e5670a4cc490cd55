package dev.trovekeeper.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;

import dev.trovekeeper.demo.DemoSeed;
import dev.trovekeeper.testing.KeystoneTokens;
import dev.trovekeeper.testing.Management;
import dev.trovekeeper.testing.Projects;
import dev.trovekeeper.testing.TestInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code /v1/*} needs a Keystone token or a console JWT; {@code GET /v1/me} shows the caller. */
@QuarkusTest
class AuthenticationTest {

  @Test
  void keystoneTokensGiveTheUserProjectAndRole() {
    me(keystone(DemoSeed.ALICE, DemoSeed.ALICE_PASSWORD, DemoSeed.PROJECT_A_ID))
        .statusCode(200)
        .body("userId", equalTo(DemoSeed.userId(DemoSeed.ALICE)))
        .body("userName", equalTo(DemoSeed.ALICE))
        .body("projectId", equalTo(DemoSeed.PROJECT_A_ID))
        .body("roles", contains("MEMBER"))
        .body("operator", equalTo(false));
    me(keystone(DemoSeed.RITA, DemoSeed.RITA_PASSWORD, DemoSeed.PROJECT_A_ID))
        .statusCode(200)
        .body("roles", contains("READER"));
    me(keystone(DemoSeed.BOB, DemoSeed.BOB_PASSWORD, DemoSeed.PROJECT_B_ID))
        .statusCode(200)
        .body("projectId", equalTo(DemoSeed.PROJECT_B_ID));
    me(keystone(DemoSeed.OPS, DemoSeed.OPS_PASSWORD, DemoSeed.SERVICE_PROJECT_ID))
        .statusCode(200)
        .body("roles", contains("ADMIN"))
        .body("operator", equalTo(true));
  }

  @Test
  void noCredentialsIsUnauthenticatedProblem() {
    unauthenticated(given().when().get("/v1/me").then());
    unauthenticated(given().header("Authorization", "Basic YTpi").when().get("/v1/me").then());
  }

  @Test
  void unknownOrGarbageKeystoneTokensAreRefused() {
    unauthenticated(
        given()
            .header("X-Auth-Token", UUID.randomUUID().toString().replace("-", ""))
            .get("/v1/me")
            .then());
    unauthenticated(given().header("X-Auth-Token", "not a token\u0001").get("/v1/me").then());
  }

  @Test
  void keystoneValidationIsCached() {
    String token = keystone(DemoSeed.ALICE, DemoSeed.ALICE_PASSWORD, DemoSeed.PROJECT_A_ID);
    long before = TestInfrastructure.region().requestCount("GET", "/v3/auth/tokens");
    for (int i = 0; i < 5; i++) {
      me(token).statusCode(200);
    }
    long after = TestInfrastructure.region().requestCount("GET", "/v3/auth/tokens");
    assertThat(after - before).isEqualTo(1);
  }

  @Test
  void unknownTokensAreCachedToo() {
    String token = "unknown" + UUID.randomUUID().toString().replace("-", "");
    long before = TestInfrastructure.region().requestCount("GET", "/v3/auth/tokens");
    for (int i = 0; i < 3; i++) {
      unauthenticated(me(token));
    }
    assertThat(TestInfrastructure.region().requestCount("GET", "/v3/auth/tokens") - before)
        .isEqualTo(1);
  }

  @Test
  void consoleJwtSignedWithTheConfiguredKeyIsAccepted() {
    String jwt =
        Jwt.claims()
            .issuer("trove-keeper-console")
            .audience("trove-keeper")
            .subject("u-carol")
            .preferredUserName("carol")
            .claim("project_id", DemoSeed.PROJECT_B_ID)
            .groups(Set.of("member"))
            .sign(AuthTestConfig.consolePrivateKey());
    bearer(jwt)
        .statusCode(200)
        .body("userId", equalTo("u-carol"))
        .body("userName", equalTo("carol"))
        .body("projectId", equalTo(DemoSeed.PROJECT_B_ID))
        .body("roles", contains("MEMBER"));
  }

  @Test
  void consoleJwtRolesClaimIsReadToo() {
    String jwt =
        Jwt.claims()
            .issuer("trove-keeper-console")
            .audience("trove-keeper")
            .subject("u-dora")
            .claim("project_id", DemoSeed.PROJECT_A_ID)
            .claim("roles", java.util.List.of("reader"))
            .sign(AuthTestConfig.consolePrivateKey());
    bearer(jwt).statusCode(200).body("roles", contains("READER"));
  }

  @Test
  void consoleJwtWithWrongIssuerKeyOrExpiryIsRefused() throws Exception {
    PrivateKey key = AuthTestConfig.consolePrivateKey();
    unauthenticated(bearer(claims().issuer("someone-else").sign(key)));
    PrivateKey otherKey = KeyUtils.generateKeyPair(2048).getPrivate();
    unauthenticated(bearer(claims().sign(otherKey)));
    Instant past = Instant.now().minusSeconds(3600);
    unauthenticated(bearer(claims().issuedAt(past.minusSeconds(60)).expiresAt(past).sign(key)));
    unauthenticated(bearer("garbage.garbage.garbage"));
    unauthenticated(
        bearer(
            Jwt.claims()
                .issuer("trove-keeper-console")
                .audience("trove-keeper")
                .subject("u-x")
                .sign(key))); // no project
  }

  @Test
  void consoleJwtForAnotherAudienceOrWithoutOneIsRefused() {
    PrivateKey key = AuthTestConfig.consolePrivateKey();
    bearer(claims().sign(key)).statusCode(200);
    unauthenticated(bearer(claims().audience("another-service").sign(key)));
    unauthenticated(
        bearer(
            Jwt.claims()
                .issuer("trove-keeper-console")
                .subject("u-carol")
                .claim("project_id", DemoSeed.PROJECT_A_ID)
                .groups(Set.of("member"))
                .sign(key)));
  }

  @Test
  void adminOfAnyOtherProjectIsNoOperator() {
    String project = Projects.create("own-admin");
    String user = "pa-" + UUID.randomUUID().toString().substring(0, 8);
    TestInfrastructure.region().addUser(user, "pw", project, DemoSeed.ROLE_ADMIN);
    String token = keystone(user, "pw", project);
    me(token).statusCode(200).body("roles", contains("ADMIN")).body("operator", equalTo(false));
    // The service user is admin in every project of the test region, as in many clouds.
    String service = keystone(DemoSeed.KEEPER_USER, DemoSeed.KEEPER_PASSWORD, project);
    for (String t : List.of(token, service)) {
      given()
          .header("X-Auth-Token", t)
          .when()
          .post("/v1/admin/pause")
          .then()
          .statusCode(403)
          .body("code", equalTo("FORBIDDEN"));
      given()
          .header("X-Auth-Token", t)
          .when()
          .get("/v1/instances?project=" + DemoSeed.PROJECT_A_ID)
          .then()
          .statusCode(200)
          .body("items.projectId", everyItem(equalTo(project)));
    }
    given().header("X-Auth-Token", token).when().get("/v1/admin/pause").then().statusCode(403);
    given()
        .header(
            "X-Auth-Token",
            keystone(DemoSeed.OPS, DemoSeed.OPS_PASSWORD, DemoSeed.SERVICE_PROJECT_ID))
        .when()
        .get("/v1/admin/pause")
        .then()
        .statusCode(200);
  }

  @Test
  void consoleJwtMakesAnOperatorOnlyInTheOperatorProject() {
    PrivateKey key = AuthTestConfig.consolePrivateKey();
    String operator =
        claims().claim("project_id", DemoSeed.SERVICE_PROJECT_ID).groups(Set.of("admin")).sign(key);
    String projectAdmin = claims().groups(Set.of("admin")).sign(key);
    bearer(operator).statusCode(200).body("operator", equalTo(true));
    bearer(projectAdmin).statusCode(200).body("operator", equalTo(false));
    given()
        .header("Authorization", "Bearer " + operator)
        .get("/v1/admin/pause")
        .then()
        .statusCode(200);
    given()
        .header("Authorization", "Bearer " + projectAdmin)
        .get("/v1/admin/pause")
        .then()
        .statusCode(403);
  }

  @Test
  void healthStaysOpen() {
    given().when().get(Management.url("/q/health/live")).then().statusCode(200);
  }

  private static io.smallrye.jwt.build.JwtClaimsBuilder claims() {
    return Jwt.claims()
        .issuer("trove-keeper-console")
        .audience("trove-keeper")
        .subject("u-carol")
        .claim("project_id", DemoSeed.PROJECT_A_ID)
        .groups(Set.of("member"));
  }

  static String keystone(String user, String password, String project) {
    return KeystoneTokens.issue(user, password, project);
  }

  private static ValidatableResponse me(String keystoneToken) {
    return given().header("X-Auth-Token", keystoneToken).when().get("/v1/me").then();
  }

  private static ValidatableResponse bearer(String jwt) {
    return given().header("Authorization", "Bearer " + jwt).when().get("/v1/me").then();
  }

  private static void unauthenticated(ValidatableResponse response) {
    response
        .statusCode(401)
        .contentType("application/problem+json")
        .header("WWW-Authenticate", containsString("Bearer"))
        .body("code", equalTo("UNAUTHENTICATED"))
        .body("status", equalTo(401));
  }
}
