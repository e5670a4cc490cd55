package dev.trovekeeper.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.trovekeeper.testing.Tenant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad policy input is a 400 problem naming every bad field, and nothing is stored. */
@QuarkusTest
class PolicyInputTest {

  static final String VALID =
      """
      {"name": "good", "scheduleKind": "CRON", "cronExpression": "0 0 0 1 1 ? 2099",
       "timeZone": "UTC", "keepLast": 3}
      """;

  Tenant tenant;
  String instancePolicy;

  @BeforeEach
  void tenant() {
    tenant = Tenant.create("input", 1);
    instancePolicy = "/v1/instances/" + tenant.instance(0) + "/policy";
  }

  @Test
  void unreadableBodiesAreRefusedAndNothingIsStored() {
    for (String path : List.of(instancePolicy, "/v1/project/policy")) {
      put(path, "{\"name\": ").body("code", equalTo("MALFORMED_REQUEST"));
      put(path, "[1, 2]").body("code", equalTo("MALFORMED_REQUEST"));
      put(path, VALID.replace("\"keepLast\": 3", "\"keepLast\": \"three\""))
          .body("errors.field", hasItem("keepLast"));
      put(path, VALID.replace("\"keepLast\": 3", "\"keepLast\": 99999999999999999999"))
          .body("code", equalTo("MALFORMED_REQUEST"));
      put(path, VALID.replace("\"keepLast\": 3", "\"keepLast\": 3, \"sneaky\": true"))
          .body("detail", equalTo("unknown field 'sneaky'"))
          .body("errors.field", hasItem("sneaky"));
      put(path, VALID.replace("\"CRON\"", "\"HOURLY\""))
          .body("errors.field", hasItem("scheduleKind"));
      put(path, VALID.replace("\"good\"", "\"" + "x".repeat(100_000) + "\""))
          .body("errors.field", hasItem("name"));
      tenant.asMember().get(path).then().statusCode(404);
    }
  }

  @Test
  void everyInvalidFieldIsNamedAndThePreviousPolicyStays() {
    String bad =
        """
        {"name": " ", "scheduleKind": "CRON", "cronExpression": "not a cron",
         "timeZone": "Mars/Olympus", "keepLast": 0, "maxAgeDays": 1000000,
         "missedRunPolicy": "BACKFILL"}
        """;
    for (String path : List.of(instancePolicy, "/v1/project/policy")) {
      List<String> fields =
          put(path, bad)
              .body("code", equalTo("VALIDATION_FAILED"))
              .extract()
              .jsonPath()
              .getList("errors.field", String.class);
      assertThat(fields)
          .contains(
              "name",
              "cronExpression",
              "timeZone",
              "keepLast",
              "maxAgeDays",
              "backfillMax",
              "backfillDeadlineHours")
          .doesNotHaveDuplicates();
      tenant.asMember().get(path).then().statusCode(404);

      tenant
          .asMember()
          .contentType("application/json")
          .body(VALID)
          .put(path)
          .then()
          .statusCode(200);
      put(path, bad);
      put(path, "{\"scheduleKind\": \"WINDOW\"}")
          .body("errors.field", hasItem("name"))
          .body("errors.field", hasItem("windowStart"))
          .body("errors.field", hasItem("windowLengthMinutes"));
      tenant.asMember().get(path).then().statusCode(200).body("name", equalTo("good"));
    }
  }

  private ValidatableResponse put(String path, String body) {
    return tenant
        .asMember()
        .contentType("application/json")
        .body(body)
        .put(path)
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
  }
}
