package dev.trovekeeper.trove;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trovekeeper.config.Secret;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.Optional;

/**
 * Decides which Keystone credentials the service uses: an override (the demo region), else the OS_*
 * settings, each filled from clouds.yaml when OS_CLOUD names a cloud. An application credential id,
 * when set, replaces user name and password.
 */
@ApplicationScoped
public class ServiceCredentialsResolver {

  private final OpenStackConfig config;
  private final Instance<CredentialsOverride> overrides;

  ServiceCredentialsResolver(OpenStackConfig config, Instance<CredentialsOverride> overrides) {
    this.config = config;
    this.overrides = overrides;
  }

  /** The credentials to use, or a {@link TroveException} naming the missing setting. */
  public ServiceCredentials resolve() {
    for (CredentialsOverride override : overrides) {
      Optional<ServiceCredentials> credentials = override.credentials();
      if (credentials.isPresent()) {
        return credentials.get();
      }
    }
    JsonNode cloud = config.cloud().flatMap(name -> cloudNode(name)).orElse(null);
    JsonNode auth = cloud == null ? null : cloud.path("auth");
    String authUrl = pick(config.authUrl(), auth, "auth_url", "OS_AUTH_URL");
    String setting = config.authUrl().isPresent() ? "OS_AUTH_URL" : "clouds.yaml auth_url";
    String appCredential =
        config
            .applicationCredentialId()
            .or(() -> optional(auth, "application_credential_id"))
            .orElse(null);
    boolean password = appCredential == null;
    return new ServiceCredentials(
        authUrl.endsWith("/v3") || authUrl.endsWith("/v3/") ? authUrl : authUrl + "/v3",
        setting,
        password
            ? pick(config.username(), auth, "username", "OS_USERNAME")
            : config.username().or(() -> optional(auth, "username")).orElse(null),
        password
            ? Secret.of(
                pick(config.password().map(Secret::reveal), auth, "password", "OS_PASSWORD"))
            : null,
        optional(auth, "user_domain_name").orElse(config.userDomainName()),
        config.projectId().or(() -> optional(auth, "project_id")).orElse(null),
        config.projectName().or(() -> optional(auth, "project_name")).orElse(null),
        optional(auth, "project_domain_name").orElse(config.projectDomainName()),
        optional(cloud, "region_name").orElse(config.region()),
        optional(cloud, "interface").orElse(config.interfaceName()),
        appCredential,
        password
            ? null
            : Secret.of(
                pick(
                    config.applicationCredentialSecret().map(Secret::reveal),
                    auth,
                    "application_credential_secret",
                    "OS_APPLICATION_CREDENTIAL_SECRET")));
  }

  private Optional<JsonNode> cloudNode(String name) {
    Optional<JsonNode> node = CloudsYaml.find(name, config.cloudsFile());
    if (node.isEmpty()) {
      throw new TroveException(
          TroveFault.MISCONFIGURED, "OS_CLOUD=" + name + " is not defined in any clouds.yaml");
    }
    return node;
  }

  private static String pick(Optional<String> value, JsonNode auth, String key, String setting) {
    return value
        .or(() -> optional(auth, key))
        .orElseThrow(() -> new TroveException(TroveFault.MISCONFIGURED, setting + " is not set"));
  }

  private static Optional<String> optional(JsonNode node, String key) {
    if (node == null || !node.hasNonNull(key)) {
      return Optional.empty();
    }
    return Optional.of(node.get(key).asText()).filter(v -> !v.isBlank());
  }
}
