package dev.trovekeeper.testing;

import static io.restassured.RestAssured.given;

import dev.trovekeeper.demo.DemoSeed;

/** Keystone tokens from the test region, as a user of the cloud would get them. */
public final class KeystoneTokens {

  private KeystoneTokens() {}

  /** A token of {@code user} scoped to {@code projectId}. */
  public static String issue(String user, String password, String projectId) {
    String body =
        """
        {"auth": {"identity": {"methods": ["password"], "password": {"user": {
          "name": "%s", "domain": {"name": "Default"}, "password": "%s"}}},
         "scope": {"project": {"id": "%s"}}}}
        """
            .formatted(user, password, projectId);
    return given()
        .baseUri(TestInfrastructure.region().authUrl())
        .contentType("application/json")
        .body(body)
        .when()
        .post("/auth/tokens")
        .then()
        .statusCode(201)
        .extract()
        .header("X-Subject-Token");
  }

  /** The service user's token on its own project (admin everywhere in the demo region). */
  public static String admin() {
    return issue(DemoSeed.KEEPER_USER, DemoSeed.KEEPER_PASSWORD, DemoSeed.SERVICE_PROJECT_ID);
  }
}
