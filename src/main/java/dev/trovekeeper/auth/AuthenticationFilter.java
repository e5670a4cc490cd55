package dev.trovekeeper.auth;

import dev.trovekeeper.api.ErrorCode;
import dev.trovekeeper.api.KeeperException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Authenticates every request under {@code /v1/} (except public paths) by a Keystone token in
 * {@code X-Auth-Token} or a console JWT in {@code Authorization: Bearer}, and puts the {@link
 * Caller} into the {@link CallerContext}. {@code /q/*} (health, metrics, OpenAPI) stays open.
 */
public class AuthenticationFilter {

  static final String KEYSTONE_HEADER = "X-Auth-Token";

  /** Authenticated by the signed token it carries, so the mailed link works in any browser. */
  static final String CONFIRM_PATH = "/v1/deletions/confirm";

  /** Calls of the tenants' platform, authenticated by their HMAC signature (dataset package). */
  static final String WEBHOOKS_PATH = "/v1/webhooks";

  private static final String CHALLENGE =
      "Keystone uri=\"identity\", Bearer realm=\"trove-keeper\"";

  private final KeystoneAuthenticator keystone;
  private final ConsoleTokenVerifier console;
  private final CallerContext context;
  private final List<String> publicPaths;

  AuthenticationFilter(
      KeystoneAuthenticator keystone,
      ConsoleTokenVerifier console,
      CallerContext context,
      AuthConfig config) {
    this.keystone = keystone;
    this.console = console;
    this.context = context;
    this.publicPaths = config.publicPaths().orElse(List.of());
  }

  @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
  public void authenticate(ContainerRequestContext request) {
    String path =
        "/" + request.getUriInfo().getPath().replaceAll("/{2,}", "/").replaceAll("^/", "");
    if (!(path.startsWith("/v1/") || path.equals("/v1")) || isPublic(path)) {
      return;
    }
    String keystoneToken = request.getHeaderString(KEYSTONE_HEADER);
    String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (keystoneToken != null && !keystoneToken.isBlank()) {
      context.set(keystone.authenticate(sane(keystoneToken.trim())));
    } else if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      context.set(console.authenticate(sane(authorization.substring(7).trim())));
    } else {
      throw new KeeperException(
          ErrorCode.UNAUTHENTICATED,
          "send a Keystone token in X-Auth-Token or a console token as Authorization: Bearer");
    }
  }

  /** Tells a client refused with 401 which credentials the API takes. */
  @ServerResponseFilter
  public void challenge(ContainerResponseContext response) {
    if (response.getStatus() == 401) {
      response.getHeaders().putSingle(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
    }
  }

  private boolean isPublic(String path) {
    if (matches(path, CONFIRM_PATH) || matches(path, WEBHOOKS_PATH)) {
      return true;
    }
    return publicPaths.stream().anyMatch(prefix -> matches(path, prefix));
  }

  private static boolean matches(String path, String prefix) {
    String p = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    return path.equals(p) || path.startsWith(p + "/");
  }

  /** Refuses what cannot be a token before it goes anywhere (header injection, huge values). */
  private static String sane(String token) {
    if (!token.matches("[\\x21-\\x7e]{1,16384}")) {
      throw new KeeperException(ErrorCode.UNAUTHENTICATED, "the token is malformed");
    }
    return token;
  }
}
