package dev.trovekeeper.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trovekeeper.testing.Tenant;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A new instance gets its first backup soon after its policy is assigned, not at the policy's first
 * slot (the global default's is in 2099 here).
 */
@QuarkusTest
@TestProfile(FirstBackupTest.ShortDelay.class)
class FirstBackupTest {

  /** A first backup 1 to 3 seconds after the policy is assigned. */
  public static class ShortDelay implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "keeper.schedule.first-backup-delay", "1s",
          "keeper.schedule.first-backup-jitter", "2s");
    }
  }

  @Test
  void aNewInstanceIsBackedUpSoonAfterItsPolicyIsAssigned() {
    Tenant tenant = Tenant.create("firstbackup", 1);
    String instance = "/v1/instances/" + tenant.instance(0);

    Awaitility.await()
        .atMost(Duration.ofSeconds(90))
        .until(
            () ->
                "PROTECTED"
                    .equals(tenant.asReader().get(instance).jsonPath().getString("protection")));
    JsonPath runs = tenant.asReader().get(instance + "/runs").then().extract().jsonPath();
    assertThat(runs.getList("items")).hasSize(1);
    assertThat(runs.getString("items[0].state")).isEqualTo("SUCCEEDED");
    // SCHEDULED, or CATCH_UP when a loaded machine claimed the slot past the misfire threshold.
    assertThat(runs.getString("items[0].trigger")).isIn("SCHEDULED", "CATCH_UP");
    // Then the policy's own slots again: the next one is the global default's, in 2099.
    assertThat(tenant.asReader().get(instance).jsonPath().getString("nextBackupAt"))
        .startsWith("2099-");
  }
}
