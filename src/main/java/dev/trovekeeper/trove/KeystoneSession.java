package dev.trovekeeper.trove;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Clock;
import org.openstack4j.api.OSClient.OSClientV3;
import org.openstack4j.api.exceptions.AuthenticationException;
import org.openstack4j.api.types.Facing;
import org.openstack4j.core.transport.Config;
import org.openstack4j.model.common.Identifier;
import org.openstack4j.model.identity.v3.Endpoint;
import org.openstack4j.model.identity.v3.Service;
import org.openstack4j.model.identity.v3.Token;
import org.openstack4j.openstack.OSFactory;

/**
 * The service user's Keystone v3 token (through openstack4j), cached and renewed before it expires,
 * with the Trove endpoint of the region taken from its catalog.
 */
@ApplicationScoped
public class KeystoneSession {

  private final ServiceCredentialsResolver resolver;
  private final OpenStackConfig config;
  private final Clock clock;
  private volatile ServiceToken current;

  KeystoneSession(ServiceCredentialsResolver resolver, OpenStackConfig config, Clock clock) {
    this.resolver = resolver;
    this.config = config;
    this.clock = clock;
  }

  /** A valid token, authenticating again when the cached one is close to expiry. */
  public ServiceToken token() {
    ServiceToken token = current;
    if (token != null && token.validAt(clock.instant(), config.tokenRefreshMargin())) {
      return token;
    }
    synchronized (this) {
      if (current == null || !current.validAt(clock.instant(), config.tokenRefreshMargin())) {
        current = authenticate(resolver.resolve());
      }
      return current;
    }
  }

  /** Forgets the cached token, e.g. after Trove answered 401 to it. */
  public void invalidate() {
    current = null;
  }

  private ServiceToken authenticate(ServiceCredentials credentials) {
    int timeoutMillis = (int) config.timeout().toMillis();
    try {
      OSClientV3 client =
          OSFactory.builderV3()
              .endpoint(credentials.authUrl())
              .withConfig(
                  Config.newConfig()
                      .withConnectionTimeout(timeoutMillis)
                      .withReadTimeout(timeoutMillis))
              .credentials(
                  credentials.username(),
                  credentials.password().reveal(),
                  Identifier.byName(credentials.userDomainName()))
              .scopeToProject(
                  projectOf(credentials), Identifier.byName(credentials.projectDomainName()))
              .authenticate();
      Token token = client.getToken();
      ServiceToken serviceToken =
          new ServiceToken(
              token.getId(),
              token.getExpires().toInstant(),
              token.getProject().getId(),
              troveEndpoint(token, credentials));
      Log.debugf(
          "Keystone token for %s valid until %s", credentials.username(), serviceToken.expiresAt());
      return serviceToken;
    } catch (AuthenticationException e) {
      throw new TroveException(
          TroveFault.UNAUTHORIZED,
          "Keystone at "
              + credentials.settingName()
              + "="
              + credentials.authUrl()
              + " refused the credentials of user "
              + credentials.username()
              + " (OS_USERNAME / OS_PASSWORD / OS_PROJECT_NAME)");
    } catch (TroveException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new TroveException(
          TroveFault.TRANSIENT,
          "cannot reach Keystone at "
              + credentials.settingName()
              + "="
              + credentials.authUrl()
              + ": "
              + describe(e),
          null,
          e);
    }
  }

  private static Identifier projectOf(ServiceCredentials credentials) {
    if (credentials.projectId() != null) {
      return Identifier.byId(credentials.projectId());
    }
    if (credentials.projectName() == null) {
      throw new TroveException(TroveFault.MISCONFIGURED, "OS_PROJECT_NAME is not set");
    }
    return Identifier.byName(credentials.projectName());
  }

  private static String troveEndpoint(Token token, ServiceCredentials credentials) {
    Facing facing = Facing.value(credentials.interfaceName());
    for (Service service : token.getCatalog()) {
      if (!"database".equals(service.getType())) {
        continue;
      }
      for (Endpoint endpoint : service.getEndpoints()) {
        boolean regionMatches =
            credentials.region().equals(endpoint.getRegion())
                || credentials.region().equals(endpoint.getRegionId());
        if (regionMatches && endpoint.getIface() == facing) {
          return endpoint.getUrl().toString();
        }
      }
    }
    throw new TroveException(
        TroveFault.MISCONFIGURED,
        "the Keystone catalog has no "
            + credentials.interfaceName()
            + " 'database' (Trove) endpoint in region OS_REGION_NAME="
            + credentials.region());
  }

  private static String describe(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConnectException) {
        return "connection refused";
      }
      if (cause instanceof UnknownHostException) {
        return "unknown host " + cause.getMessage();
      }
      if (cause instanceof java.net.SocketTimeoutException) {
        return "timed out";
      }
    }
    return e.getMessage();
  }
}
