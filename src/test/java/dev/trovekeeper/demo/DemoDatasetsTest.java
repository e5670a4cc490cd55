package dev.trovekeeper.demo;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trovekeeper.dataset.DatasetService;
import dev.trovekeeper.testing.KeystoneTokens;
import dev.trovekeeper.testing.MariaDbTestResource;
import dev.trovekeeper.testing.TestInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The demo's two datasets (the shop's REST API, the shared-schema SQL sample) register from their
 * resource files, valid as the API checks them, once: a restart registers nothing twice, and a
 * dataset kept from an earlier start follows this start's source address.
 */
@QuarkusTest
class DemoDatasetsTest {

  @Inject DatasetService datasets;

  @Test
  void theDemoDatasetsRegisterOnceWithTheirCredentialsSealed() {
    String jdbcUrl = MariaDbTestResource.database().jdbcUrl();
    for (int start = 0; start < 2; start++) {
      DemoDatasets.registerAll(
          datasets, TestInfrastructure.region().shop(), jdbcUrl, "root", "demo-db-pw");
    }
    String token =
        KeystoneTokens.issue(DemoSeed.ALICE, DemoSeed.ALICE_PASSWORD, DemoSeed.PROJECT_A_ID);
    String body =
        given()
            .header("X-Auth-Token", token)
            .queryParam("limit", 500)
            .get("/v1/datasets")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    JsonPath page = JsonPath.from(body);
    List<String> names = page.getList("items.name", String.class);
    assertThat(names.stream().filter("demo-shop"::equals)).hasSize(1);
    assertThat(names.stream().filter("demo-shop-shared-acme"::equals)).hasSize(1);
    assertThat(page.getString("items.find { it.name == 'demo-shop' }.source.config.baseUrl"))
        .isEqualTo(TestInfrastructure.region().shop().apiUrl());
    assertThat(page.getString("items.find { it.name == 'demo-shop-shared-acme' }.source.kind"))
        .isEqualTo("SQL");
    assertThat(body).doesNotContain("demo-db-pw").doesNotContain("demo-shop-key");

    // The next start's database answers at another address: the kept dataset follows it.
    String sqlId = page.getString("items.find { it.name == 'demo-shop-shared-acme' }.id");
    String moved = jdbcUrl.replace("127.0.0.1", "localhost");
    assertThat(moved).isNotEqualTo(jdbcUrl);
    DemoDatasets.registerAll(
        datasets, TestInfrastructure.region().shop(), moved, "root", "demo-db-pw");
    JsonPath after =
        given()
            .header("X-Auth-Token", token)
            .get("/v1/datasets/" + sqlId)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(after.getString("source.config.jdbcUrl")).startsWith("jdbc:mariadb://localhost:");
  }
}
