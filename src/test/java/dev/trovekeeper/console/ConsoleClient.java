package dev.trovekeeper.console;

import dev.trovekeeper.demo.DemoSeed;
import dev.trovekeeper.testing.Tenant;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.util.Map;

/**
 * A signed-in console session over plain HTTP: pages read and forms posted with its cookie and CSRF
 * token (redirects are not followed, so a 303 is seen as such).
 */
record ConsoleClient(String cookie, String csrf) {

  /** A new member of the tenant's project, signed in. */
  static ConsoleClient member(Tenant tenant) {
    return of(ConsoleSignIn.session(ConsoleSignIn.member(tenant.projectId), tenant.projectId));
  }

  /** The demo region's operator (admin of the operator project), signed in. */
  static ConsoleClient operator() {
    return of(
        ConsoleSignIn.session(DemoSeed.OPS, DemoSeed.OPS_PASSWORD, DemoSeed.SERVICE_PROJECT_NAME));
  }

  private static ConsoleClient of(String cookie) {
    String page =
        RestAssured.given().cookie("tk_console", cookie).get("/console/instances").asString();
    return new ConsoleClient(cookie, ConsoleSignIn.csrf(page));
  }

  Response get(String path) {
    return RestAssured.given().redirects().follow(false).cookie("tk_console", cookie).get(path);
  }

  Response post(String path, Map<String, ?> form) {
    return post(path, form, csrf);
  }

  /** The form posted with that CSRF token (null: none). */
  Response post(String path, Map<String, ?> form, String token) {
    var request =
        RestAssured.given()
            .redirects()
            .follow(false)
            .cookie("tk_console", cookie)
            .contentType("application/x-www-form-urlencoded");
    if (token != null) {
      request.formParam("csrf", token);
    }
    form.forEach(request::formParam);
    return request.post(path);
  }
}
