package dev.trovekeeper.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The Keystone v3 token body, shaped as Keystone (and openstack4j's KeystoneToken) expect. */
final class TokenView {

  private final String region;
  private final String baseUrl;
  private volatile String objectStoreBase;

  /**
   * @param region region id of the catalog endpoints
   * @param baseUrl {@code http://127.0.0.1:PORT}
   */
  TokenView(String region, String baseUrl) {
    this.region = region;
    this.baseUrl = baseUrl;
  }

  /**
   * Lists an {@code object-store} (Swift) service in the catalog at {@code base + "/AUTH_" +
   * project}; null lists none (the default: the demo region serves no Swift).
   */
  void objectStore(String base) {
    this.objectStoreBase = base;
  }

  Map<String, Object> body(Token token) {
    var t = Json.obj("methods", token.methods(), "user", user(token.user()));
    t.put("audit_ids", List.of(token.id().substring(0, 22)));
    t.put("expires_at", WireTime.keystone(token.expiresAt()));
    t.put("issued_at", WireTime.keystone(token.issuedAt()));
    if (token.project() != null) {
      var p = token.project();
      t.put("project", Json.obj("domain", domain(), "id", p.id(), "name", p.name()));
      t.put("is_domain", false);
      t.put("roles", token.roles().stream().map(r -> Json.obj("id", "r-" + r, "name", r)).toList());
      t.put("catalog", catalog(p.id()));
    }
    if (token.appCredentialId() != null) {
      t.put(
          "application_credential",
          Json.obj("id", token.appCredentialId(), "name", "trove-keeper", "restricted", true));
    }
    return Json.obj("token", t);
  }

  private List<Object> catalog(String projectId) {
    var trove = baseUrl + "/v1.0/" + projectId;
    var identity = baseUrl + "/identity/v3";
    var services =
        new ArrayList<Object>(
            List.of(
                service("database", "trove", trove), service("identity", "keystone", identity)));
    String swift = objectStoreBase;
    if (swift != null) {
      services.add(service("object-store", "swift", swift + "/AUTH_" + projectId));
    }
    return services;
  }

  private Map<String, Object> service(String type, String name, String url) {
    var endpoints = new ArrayList<Object>();
    for (var iface : List.of("public", "internal", "admin")) {
      endpoints.add(
          Json.obj(
              "id", type + "-" + iface,
              "interface", iface,
              "region_id", region,
              "url", url,
              "region", region));
    }
    return Json.obj("endpoints", endpoints, "id", "svc-" + type, "type", type, "name", name);
  }

  private static Map<String, Object> user(IdentityStore.User u) {
    return Json.obj(
        "domain", domain(), "id", u.id(), "name", u.name(), "password_expires_at", null);
  }

  private static Map<String, Object> domain() {
    return Json.obj("id", DemoSeed.DOMAIN_ID, "name", DemoSeed.DOMAIN_NAME);
  }
}
