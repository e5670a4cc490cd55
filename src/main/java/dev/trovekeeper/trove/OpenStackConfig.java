package dev.trovekeeper.trove;

import dev.trovekeeper.config.Secret;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * How the service reaches OpenStack. Filled from the standard {@code OS_*} variables (see
 * application.properties) or from {@code clouds.yaml} when {@code OS_CLOUD} names a cloud.
 */
@ConfigMapping(prefix = "keeper.openstack")
public interface OpenStackConfig {

  /** Keystone v3 endpoint ({@code OS_AUTH_URL}), e.g. https://keystone.example:5000/v3. */
  Optional<String> authUrl();

  /** Service user name ({@code OS_USERNAME}). */
  Optional<String> username();

  /** Service user password ({@code OS_PASSWORD}). */
  Optional<Secret> password();

  /**
   * Application credential id ({@code OS_APPLICATION_CREDENTIAL_ID}); when set it is used instead
   * of user name and password. An application credential is bound to one project, so it cannot give
   * the per-project tokens backups need in tenants' projects: use password auth for that.
   */
  Optional<String> applicationCredentialId();

  /** Its secret ({@code OS_APPLICATION_CREDENTIAL_SECRET}). */
  Optional<Secret> applicationCredentialSecret();

  /** Project the service user scopes its own token to ({@code OS_PROJECT_NAME}). */
  Optional<String> projectName();

  /** Same, by id ({@code OS_PROJECT_ID}); wins over the name. */
  Optional<String> projectId();

  /** Domain of the user ({@code OS_USER_DOMAIN_NAME}). */
  @WithDefault("Default")
  String userDomainName();

  /** Domain of the project ({@code OS_PROJECT_DOMAIN_NAME}). */
  @WithDefault("Default")
  String projectDomainName();

  /** Region whose Trove endpoint is used ({@code OS_REGION_NAME}). */
  @WithDefault("RegionOne")
  String region();

  /** Catalog interface: public, internal or admin ({@code OS_INTERFACE}). */
  @WithDefault("public")
  @io.smallrye.config.WithName("interface")
  String interfaceName();

  /** Cloud to read from clouds.yaml ({@code OS_CLOUD}); the OS_* variables override its values. */
  Optional<String> cloud();

  /** Explicit clouds.yaml path ({@code OS_CLIENT_CONFIG_FILE}). */
  Optional<String> cloudsFile();

  /** Connect and read timeout of every OpenStack call. */
  @WithDefault("10s")
  Duration timeout();

  /**
   * How long Trove may take to begin answering the fleet listing ({@code GET mgmt/instances} of the
   * reconcile): Trove 18 builds one unpaged answer for the whole fleet before it sends a byte. Once
   * the answer flows, a pause longer than {@link #timeout()} fails it (TRANSIENT, retried).
   */
  @WithDefault("2m")
  Duration listingTimeout();

  /** A token is renewed this long before Keystone says it expires. */
  @WithDefault("5m")
  Duration tokenRefreshMargin();

  /** Attempts in all (first one included) of an idempotent Trove call on transient failures. */
  @WithDefault("4")
  int retryMaxAttempts();

  /** Backoff before the second attempt; doubles with each further attempt, with jitter. */
  @WithDefault("500ms")
  Duration retryBaseDelay();

  /**
   * Longest wait between two attempts; a Retry-After longer than this is not waited for in the
   * client (the call fails RATE_LIMITED and the caller reschedules).
   */
  @WithDefault("10s")
  Duration retryMaxDelay();

  /** Transient failures in a row after which the circuit breaker of a Trove endpoint opens. */
  @WithDefault("5")
  int breakerThreshold();

  /** How long an open circuit breaker fails calls fast before it lets one trial call through. */
  @WithDefault("30s")
  Duration breakerCoolDown();

  /**
   * How often a background probe checks that Keystone gives a token and Trove answers it (the
   * {@code openstack} health group and the gauge {@code trove_keeper_openstack_up}).
   */
  @WithDefault("15s")
  Duration probeInterval();

  /** Items asked for per page when listing ({@code limit}). */
  @WithDefault("100")
  int pageSize();

  /**
   * Requests a minute per HTTP verb and project that this replica sends to Trove, kept under
   * Trove's per-tenant rate limits ({@code http_get_rate}, {@code http_post_rate}, {@code
   * http_put_rate}, {@code http_delete_rate}: 200 by default; {@code GET limits} shows a
   * deployment's); 0 turns the limiter off. With several replicas, divide Trove's limit among them.
   */
  @WithDefault("200")
  int rateLimitPerMinute();

  /** Share of {@link #rateLimitPerMinute()} left unused, against clock and latency jitter. */
  @WithDefault("0.03")
  double rateLimitSafetyMargin();

  /**
   * Longest wait for room under the rate limit; a call that would wait longer is not sent and
   * leaves as RATE_LIMITED with the wait as Retry-After (the run retries later).
   */
  @WithDefault("10s")
  Duration rateLimitMaxWait();
}
