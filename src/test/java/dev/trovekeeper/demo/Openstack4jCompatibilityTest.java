package dev.trovekeeper.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openstack4j.model.common.Identifier;
import org.openstack4j.openstack.OSFactory;

/** openstack4j (the app's Keystone client) authenticates against the demo Keystone. */
class Openstack4jCompatibilityTest {

  @Test
  void openstack4jPasswordAuthFindsTheDatabaseEndpoint() {
    try (var region = DemoRegion.start(DemoRegionSettings.defaults(), NotificationSink.NONE)) {
      var os =
          OSFactory.builderV3()
              .endpoint(region.authUrl())
              .credentials(
                  DemoSeed.KEEPER_USER, DemoSeed.KEEPER_PASSWORD, Identifier.byName("Default"))
              .scopeToProject(Identifier.byId(DemoSeed.PROJECT_A_ID))
              .authenticate();
      var token = os.getToken();
      assertThat(token.getId()).isNotBlank();
      assertThat(token.getProject().getId()).isEqualTo(DemoSeed.PROJECT_A_ID);
      assertThat(token.getExpires()).isInTheFuture();
      var database =
          token.getCatalog().stream().filter(s -> s.getType().equals("database")).findFirst();
      assertThat(database).isPresent();
      assertThat(database.get().getEndpoints().get(0).getUrl().toString())
          .isEqualTo(region.troveUrl(DemoSeed.PROJECT_A_ID));
    }
  }
}
