package dev.trovekeeper.auth;

import dev.trovekeeper.config.Secret;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** How API callers are authenticated and how backup deletions are confirmed. */
@ConfigMapping(prefix = "keeper.auth")
public interface AuthConfig {

  /**
   * Paths under {@code /v1/} that need no credentials, each matching itself and what lies below it.
   * {@code /v1/deletions/confirm} is always public: its signed token is the credential.
   */
  Optional<List<String>> publicPaths();

  /** Most Keystone token validations kept in memory. */
  @WithDefault("10000")
  int tokenCacheSize();

  /**
   * Longest time a valid Keystone token is trusted without asking Keystone again (never past its
   * expiry): bounds how long a revoked token still works, like keystonemiddleware's cache time.
   */
  @WithDefault("5m")
  Duration tokenCacheTtl();

  /** How long Keystone's "no such token" is remembered, so a bad token cannot hammer Keystone. */
  @WithDefault("30s")
  Duration invalidTokenCacheTtl();

  /** Connect and read timeout of the token validation call to Keystone. */
  @WithDefault("5s")
  Duration keystoneTimeout();

  /**
   * The Keystone project whose {@code admin} role makes a caller a fleet operator. Without it, the
   * project of the service user's own token ({@code OS_PROJECT_ID} / {@code OS_PROJECT_NAME}): an
   * {@code admin} role in any other project makes nobody an operator here.
   */
  Optional<String> operatorProjectId();

  /**
   * What a Keystone project id in a path looks like (a Java regular expression over the whole id).
   * Without it, Keystone's own form: 32 lower-case hex digits; with the built-in demo region, its
   * readable ids ({@code demo-project-a}).
   */
  Optional<String> projectIdPattern();

  /** Base URL of the service as the project owner's browser reaches it, for mailed links. */
  @WithDefault("http://localhost:8080")
  String publicUrl();

  /**
   * Where deletion confirmations go: {@code keeper.auth.owner-email.<project-id>}, else {@code
   * keeper.auth.owner-email.default}.
   */
  Map<String, String> ownerEmail();

  /** Console session tokens ({@code Authorization: Bearer}). */
  Jwt jwt();

  /** Signed deletion-confirmation links. */
  Confirmation confirmation();

  /** Console session JWTs, RS256-signed by the console's identity provider. */
  interface Jwt {

    /** Required {@code iss} claim. */
    @WithDefault("trove-keeper-console")
    String issuer();

    /** Required {@code aud} claim: a token the console got for another service is refused. */
    @WithDefault("trove-keeper")
    String audience();

    /**
     * PEM or JWK(S) public key that verifies console tokens: a classpath resource, {@code file:}
     * path or {@code https:} URL. Without it a key pair is generated at start (development only: no
     * console can sign with it, so Bearer tokens are effectively refused).
     */
    Optional<String> publicKeyLocation();

    /** Tolerated clock difference with the token issuer, in seconds. */
    @WithDefault("30")
    int clockSkewSeconds();
  }

  /** Deletion-confirmation tokens (HS256). */
  interface Confirmation {

    /**
     * HMAC key, at least 32 characters, shared by every replica (e.g. {@code openssl rand -base64
     * 48}). Without it a random key is generated at start: links then die with a restart and only
     * work on the replica that mailed them.
     */
    Optional<Secret> signingKey();

    /** How long a mailed confirmation link stays valid. */
    @WithDefault("24h")
    Duration validity();
  }
}
