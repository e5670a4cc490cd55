package dev.trovekeeper.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trovekeeper.demo.DemoSeed;
import dev.trovekeeper.testing.TestInfrastructure;
import io.restassured.RestAssured;
import java.util.UUID;
import java.util.regex.Pattern;

/** Console users and sessions for tests: a member of a project, signed in without a browser. */
final class ConsoleSignIn {

  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

  private ConsoleSignIn() {}

  /** A member of the project with password "pw"; returns the user name. */
  static String member(String projectId) {
    String user = "cm-" + UUID.randomUUID().toString().substring(0, 8);
    TestInfrastructure.region().addUser(user, "pw", projectId, DemoSeed.ROLE_MEMBER);
    return user;
  }

  /** A console session of the user (the sign-in form, as a browser posts it): its cookie value. */
  static String session(String user, String project) {
    return session(user, "pw", project);
  }

  /** A console session of the user with that password: its cookie value. */
  static String session(String user, String password, String project) {
    var form = RestAssured.given().redirects().follow(false).get("/console/signin");
    var signedIn =
        RestAssured.given()
            .redirects()
            .follow(false)
            .cookie("tk_signin", form.cookie("tk_signin"))
            .formParam("csrf", csrf(form.asString()))
            .formParam("user", user)
            .formParam("password", password)
            .formParam("domain", "Default")
            .formParam("project", project)
            .post("/console/signin");
    assertThat(signedIn.statusCode()).isEqualTo(303);
    return signedIn.cookie("tk_console");
  }

  /** The CSRF token of the first form of a page. */
  static String csrf(String html) {
    var m = CSRF.matcher(html);
    assertThat(m.find()).isTrue();
    return m.group(1);
  }
}
