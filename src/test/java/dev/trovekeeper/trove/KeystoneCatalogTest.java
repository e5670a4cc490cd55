package dev.trovekeeper.trove;

import static dev.trovekeeper.demo.DemoSeed.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trovekeeper.config.Secret;
import dev.trovekeeper.demo.DemoRegion;
import dev.trovekeeper.demo.DemoRegionSettings;
import dev.trovekeeper.demo.NotificationSink;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The service token carries the catalog's Swift ({@code object-store}) endpoint of the region and
 * interface, which the Swift object store uses with Keystone auth; password and application
 * credential auth alike.
 */
class KeystoneCatalogTest {

  private DemoRegion region;

  @BeforeEach
  void startRegion() {
    region = DemoRegion.start(DemoRegionSettings.defaults(), NotificationSink.NONE);
  }

  @AfterEach
  void stopRegion() {
    region.close();
  }

  @Test
  void objectStoreEndpointComesFromTheCatalog() {
    region.setObjectStoreUrl("http://swift.example.org:8080/v1");

    assertThat(session(password()).token().objectStoreUrl())
        .isEqualTo("http://swift.example.org:8080/v1/AUTH_" + SERVICE_PROJECT_ID);
    assertThat(session(applicationCredential()).token().objectStoreUrl())
        .isEqualTo("http://swift.example.org:8080/v1/AUTH_" + SERVICE_PROJECT_ID);
  }

  @Test
  void noObjectStoreInTheCatalogIsNoEndpoint() {
    ServiceToken token = session(password()).token();

    assertThat(token.objectStoreUrl()).isNull();
    assertThat(token.troveUrl()).isEqualTo(region.troveUrl(SERVICE_PROJECT_ID));
    assertThat(session(applicationCredential()).token().objectStoreUrl()).isNull();
  }

  private KeystoneSession session(ServiceCredentials credentials) {
    return new KeystoneSession(() -> credentials, new TestOpenStackConfig(), Clock.systemUTC());
  }

  private ServiceCredentials password() {
    return new ServiceCredentials(
        region.authUrl(),
        "test",
        KEEPER_USER,
        Secret.of(KEEPER_PASSWORD),
        DOMAIN_NAME,
        SERVICE_PROJECT_ID,
        null,
        DOMAIN_NAME,
        "RegionOne",
        "public");
  }

  private ServiceCredentials applicationCredential() {
    return new ServiceCredentials(
        region.authUrl(),
        "test",
        null,
        null,
        DOMAIN_NAME,
        null,
        null,
        DOMAIN_NAME,
        "RegionOne",
        "public",
        KEEPER_APP_CREDENTIAL_ID,
        Secret.of(KEEPER_APP_CREDENTIAL_SECRET));
  }
}
