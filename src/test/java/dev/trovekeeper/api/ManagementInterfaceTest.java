package dev.trovekeeper.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.trovekeeper.testing.Management;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Health and metrics answer without a token, so they are served only on the management interface
 * (its own port, not in the Service or Ingress tenants reach): the tenant API's port answers 404.
 */
@QuarkusTest
class ManagementInterfaceTest {

  @Test
  void metricsAndHealthAreNotOnTheTenantPort() {
    for (String path : new String[] {"/q/metrics", "/q/health", "/q/health/ready"}) {
      given().when().get(path).then().statusCode(404);
    }
  }

  @Test
  void metricsAndHealthAreOnTheManagementPort() {
    String scrape =
        given()
            .when()
            .get(Management.url("/q/metrics"))
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(scrape).contains("trove_keeper_openstack_up");
    given().when().get(Management.url("/q/health/live")).then().statusCode(200);
    given()
        .when()
        .get(Management.url("/q/health/ready"))
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"));
    int tenantPort = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
    assertThat(URI.create(Management.url("/q")).getPort()).isNotEqualTo(tenantPort);
  }
}
