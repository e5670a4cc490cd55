package dev.trovekeeper.trove;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The Trove v1.0 API as the rest of the service uses it. Renews the token once when Trove answers
 * 401; refusals leave as {@link TroveException} with a {@link TroveFault}.
 */
@ApplicationScoped
public class TroveClient {

  static final int PAGE_SIZE = 100;

  private final KeystoneSession keystone;
  private final TroveHttp http;

  TroveClient(KeystoneSession keystone, ObjectMapper json, OpenStackConfig config) {
    this.keystone = keystone;
    this.http = new TroveHttp(json, config.timeout());
  }

  /**
   * Every instance of every project, through the admin listing {@code mgmt/instances} (the service
   * user needs the admin role), following Trove's {@code limit}/{@code marker} paging.
   */
  public List<TroveInstance> listAllInstances() {
    List<TroveInstance> instances = new ArrayList<>();
    String marker = null;
    do {
      String query = "?limit=" + PAGE_SIZE + (marker == null ? "" : "&marker=" + encode(marker));
      JsonNode page = getWithRenewal("/mgmt/instances" + query);
      for (JsonNode node : page.path("instances")) {
        if (!node.path("deleted").asBoolean(false)) {
          instances.add(TroveJson.instance(node));
        }
      }
      marker = TroveJson.nextMarker(page);
    } while (marker != null);
    return instances;
  }

  /** Checks that Trove answers this service's token ({@code GET limits}). */
  public void ping() {
    getWithRenewal("/limits");
  }

  private JsonNode getWithRenewal(String path) {
    ServiceToken token = keystone.token();
    try {
      return http.get(token.troveUrl() + path, token.id());
    } catch (TroveException e) {
      if (e.fault() != TroveFault.UNAUTHORIZED) {
        throw e;
      }
      keystone.invalidate();
      ServiceToken renewed = keystone.token();
      return http.get(renewed.troveUrl() + path, renewed.id());
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
