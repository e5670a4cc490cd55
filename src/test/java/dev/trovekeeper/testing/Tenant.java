package dev.trovekeeper.testing;

import static io.restassured.RestAssured.given;

import dev.trovekeeper.demo.DemoSeed;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;

/**
 * A fresh project in the test region with a member and a reader of its own, and Trove instances the
 * service has registered: a tenant as the API sees it.
 */
public final class Tenant {

  public final String projectId;
  public final String memberToken;
  public final String readerToken;
  public final List<String> instanceIds = new ArrayList<>();

  private Tenant(String projectId, String memberToken, String readerToken) {
    this.projectId = projectId;
    this.memberToken = memberToken;
    this.readerToken = readerToken;
  }

  /** A new project with {@code instances} instances, each already known to the service. */
  public static Tenant create(String prefix, int instances) {
    String project = Projects.create(prefix);
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String member = "m-" + suffix;
    String reader = "r-" + suffix;
    TestInfrastructure.region().addUser(member, "pw", project, DemoSeed.ROLE_MEMBER);
    TestInfrastructure.region().addUser(reader, "pw", project, DemoSeed.ROLE_READER);
    Tenant tenant =
        new Tenant(
            project,
            KeystoneTokens.issue(member, "pw", project),
            KeystoneTokens.issue(reader, "pw", project));
    for (int i = 0; i < instances; i++) {
      tenant.instanceIds.add(
          TestInfrastructure.region().createInstance(project, prefix + "-db" + i).id());
    }
    for (String id : tenant.instanceIds) {
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> tenant.asMember().get("/v1/instances/" + id).statusCode() == 200);
    }
    return tenant;
  }

  public RequestSpecification asMember() {
    return given().header("X-Auth-Token", memberToken);
  }

  public RequestSpecification asReader() {
    return given().header("X-Auth-Token", readerToken);
  }

  /** Registers a dataset ({@code POST /v1/datasets} as a member, 201 expected); its id. */
  public String createDataset(String json) {
    return asMember()
        .contentType("application/json")
        .body(json)
        .post("/v1/datasets")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath()
        .getString("id");
  }

  public String instance(int index) {
    return instanceIds.get(index);
  }
}
