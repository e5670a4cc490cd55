package dev.trovekeeper.trove;

import dev.trovekeeper.config.Secret;
import java.time.Duration;
import java.util.Optional;

/** {@link OpenStackConfig} for plain JUnit tests: short timeouts and delays, settable. */
final class TestOpenStackConfig implements OpenStackConfig {

  Duration timeout = Duration.ofSeconds(2);
  Duration listingTimeout = Duration.ofSeconds(5);
  Duration tokenRefreshMargin = Duration.ZERO;
  int retryMaxAttempts = 3;
  Duration retryBaseDelay = Duration.ofMillis(20);
  Duration retryMaxDelay = Duration.ofSeconds(2);
  int breakerThreshold = 5;
  Duration breakerCoolDown = Duration.ofSeconds(30);
  int pageSize = 100;
  int rateLimitPerMinute = 200;

  @Override
  public Optional<String> authUrl() {
    return Optional.empty();
  }

  @Override
  public Optional<String> username() {
    return Optional.empty();
  }

  @Override
  public Optional<Secret> password() {
    return Optional.empty();
  }

  @Override
  public Optional<String> applicationCredentialId() {
    return Optional.empty();
  }

  @Override
  public Optional<Secret> applicationCredentialSecret() {
    return Optional.empty();
  }

  @Override
  public Optional<String> projectName() {
    return Optional.empty();
  }

  @Override
  public Optional<String> projectId() {
    return Optional.empty();
  }

  @Override
  public String userDomainName() {
    return "Default";
  }

  @Override
  public String projectDomainName() {
    return "Default";
  }

  @Override
  public String region() {
    return "RegionOne";
  }

  @Override
  public String interfaceName() {
    return "public";
  }

  @Override
  public Optional<String> cloud() {
    return Optional.empty();
  }

  @Override
  public Optional<String> cloudsFile() {
    return Optional.empty();
  }

  @Override
  public Duration timeout() {
    return timeout;
  }

  @Override
  public Duration listingTimeout() {
    return listingTimeout;
  }

  @Override
  public Duration tokenRefreshMargin() {
    return tokenRefreshMargin;
  }

  @Override
  public int retryMaxAttempts() {
    return retryMaxAttempts;
  }

  @Override
  public Duration retryBaseDelay() {
    return retryBaseDelay;
  }

  @Override
  public Duration retryMaxDelay() {
    return retryMaxDelay;
  }

  @Override
  public int breakerThreshold() {
    return breakerThreshold;
  }

  @Override
  public Duration breakerCoolDown() {
    return breakerCoolDown;
  }

  @Override
  public Duration probeInterval() {
    return Duration.ofSeconds(15);
  }

  @Override
  public int pageSize() {
    return pageSize;
  }

  @Override
  public int rateLimitPerMinute() {
    return rateLimitPerMinute;
  }

  @Override
  public double rateLimitSafetyMargin() {
    return 0.03;
  }

  @Override
  public Duration rateLimitMaxWait() {
    return Duration.ofSeconds(10);
  }
}
