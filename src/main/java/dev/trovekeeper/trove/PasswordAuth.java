package dev.trovekeeper.trove;

import io.quarkus.logging.Log;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import org.openstack4j.api.OSClient.OSClientV3;
import org.openstack4j.api.exceptions.AuthenticationException;
import org.openstack4j.api.types.Facing;
import org.openstack4j.core.transport.Config;
import org.openstack4j.model.common.Identifier;
import org.openstack4j.model.identity.v3.Endpoint;
import org.openstack4j.model.identity.v3.Service;
import org.openstack4j.model.identity.v3.Token;
import org.openstack4j.openstack.OSFactory;

/** Keystone v3 password authentication through openstack4j, scoped to one project. */
final class PasswordAuth {

  private PasswordAuth() {}

  /**
   * A token of the service user.
   *
   * @param projectId the project to scope to, or null for the configured (service) project
   */
  static ServiceToken authenticate(
      ServiceCredentials credentials, String projectId, Duration timeout) {
    int timeoutMillis = (int) timeout.toMillis();
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
                  projectId == null ? projectOf(credentials) : Identifier.byId(projectId),
                  Identifier.byName(credentials.projectDomainName()))
              .authenticate();
      Token token = client.getToken();
      ServiceToken serviceToken =
          new ServiceToken(
              token.getId(),
              token.getExpires().toInstant(),
              token.getProject().getId(),
              troveEndpoint(token, credentials),
              endpoint(token, credentials, "object-store"));
      Log.debugf(
          "Keystone token for %s on project %s valid until %s",
          credentials.username(), serviceToken.projectId(), serviceToken.expiresAt());
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
              + (projectId == null
                  ? " (OS_USERNAME / OS_PASSWORD / OS_PROJECT_NAME)"
                  : " for project "
                      + projectId
                      + " (does it have a role there? see"
                      + " docs/keystone-roles.md)"));
    } catch (TroveException e) {
      throw e;
    } catch (RuntimeException e) {
      throw unreachable(credentials, e);
    }
  }

  static TroveException unreachable(ServiceCredentials credentials, Exception e) {
    return new TroveException(
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

  static TroveException noTroveEndpoint(ServiceCredentials credentials) {
    return new TroveException(
        TroveFault.MISCONFIGURED,
        "the Keystone catalog has no "
            + credentials.interfaceName()
            + " 'database' (Trove) endpoint in region OS_REGION_NAME="
            + credentials.region());
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
    String url = endpoint(token, credentials, "database");
    if (url == null) {
      throw noTroveEndpoint(credentials);
    }
    return url;
  }

  /** The catalog's endpoint of {@code type} in the region and interface, or null. */
  private static String endpoint(Token token, ServiceCredentials credentials, String type) {
    Facing facing = Facing.value(credentials.interfaceName());
    for (Service service : token.getCatalog()) {
      if (!type.equals(service.getType())) {
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
    return null;
  }

  private static String describe(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConnectException) {
        return "connection refused";
      }
      if (cause instanceof UnknownHostException) {
        return "unknown host " + cause.getMessage();
      }
      if (cause instanceof SocketTimeoutException
          || cause instanceof java.net.http.HttpTimeoutException) {
        return "timed out";
      }
    }
    return e.getMessage();
  }
}
