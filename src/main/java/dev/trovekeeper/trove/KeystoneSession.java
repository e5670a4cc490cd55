package dev.trovekeeper.trove;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Keystone v3 tokens of the service user, cached per project and renewed before they expire: the
 * service project's token (admin listing {@code mgmt/instances}) and one token per tenant project,
 * since Trove creates a backup in the project of the token. Each token carries the Trove endpoint
 * of the region from its catalog. Password auth goes through openstack4j, application credentials
 * through {@link AppCredentialAuth}.
 */
@ApplicationScoped
public class KeystoneSession {

  private static final String SERVICE = "";

  private final Supplier<ServiceCredentials> credentials;
  private final OpenStackConfig config;
  private final Clock clock;
  private final Map<String, ServiceToken> tokens = new ConcurrentHashMap<>();
  private final Map<String, Object> locks = new ConcurrentHashMap<>();

  @Inject
  KeystoneSession(ServiceCredentialsResolver resolver, OpenStackConfig config, Clock clock) {
    this(resolver::resolve, config, clock);
  }

  KeystoneSession(Supplier<ServiceCredentials> credentials, OpenStackConfig config, Clock clock) {
    this.credentials = credentials;
    this.config = config;
    this.clock = clock;
  }

  /** A valid token of the service project, authenticating again when close to expiry. */
  public ServiceToken token() {
    return cached(SERVICE, () -> authenticate(credentials.get(), null));
  }

  /**
   * A valid token of the service user scoped to {@code projectId}, for calls that act in that
   * project (backups). Needs password credentials and a role of the service user in the project
   * (see docs/keystone-roles.md); an application credential only serves its own project.
   */
  public ServiceToken token(String projectId) {
    ServiceToken service = token();
    if (service.projectId().equals(projectId)) {
      return service;
    }
    return cached(projectId, () -> authenticate(credentials.get(), projectId));
  }

  /** Forgets the service project's cached token, e.g. after Trove answered 401 to it. */
  public void invalidate() {
    tokens.remove(SERVICE);
  }

  /** Forgets the cached token of a project (null: the service project). */
  public void invalidate(String projectId) {
    tokens.remove(projectId == null ? SERVICE : projectId);
    ServiceToken service = tokens.get(SERVICE);
    if (service != null && service.projectId().equals(projectId)) {
      invalidate();
    }
  }

  private ServiceToken cached(String key, Supplier<ServiceToken> authenticate) {
    ServiceToken token = tokens.get(key);
    if (fresh(token)) {
      return token;
    }
    synchronized (locks.computeIfAbsent(key, k -> new Object())) {
      token = tokens.get(key);
      if (!fresh(token)) {
        token = authenticate.get();
        tokens.put(key, token);
      }
      return token;
    }
  }

  private boolean fresh(ServiceToken token) {
    return token != null && token.validAt(clock.instant(), config.tokenRefreshMargin());
  }

  private ServiceToken authenticate(ServiceCredentials credentials, String projectId) {
    if (!credentials.usesApplicationCredential()) {
      return PasswordAuth.authenticate(credentials, projectId, config.timeout());
    }
    if (projectId != null) {
      throw new TroveException(
          TroveFault.MISCONFIGURED,
          "a token for project "
              + projectId
              + " needs password auth (OS_USERNAME / OS_PASSWORD): application credential "
              + credentials.applicationCredentialId()
              + " is bound to its own project only");
    }
    return AppCredentialAuth.authenticate(credentials, config.timeout());
  }
}
