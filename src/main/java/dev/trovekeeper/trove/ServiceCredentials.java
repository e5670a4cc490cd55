package dev.trovekeeper.trove;

import dev.trovekeeper.config.Secret;

/**
 * The service user's Keystone credentials, resolved from the environment, clouds.yaml or the demo
 * region: a user name and password, or an application credential.
 *
 * @param authUrl Keystone v3 URL
 * @param settingName the setting the URL came from, named in error messages
 * @param applicationCredentialId when set, used instead of user name and password
 */
public record ServiceCredentials(
    String authUrl,
    String settingName,
    String username,
    Secret password,
    String userDomainName,
    String projectId,
    String projectName,
    String projectDomainName,
    String region,
    String interfaceName,
    String applicationCredentialId,
    Secret applicationCredentialSecret) {

  /** Password credentials. */
  public ServiceCredentials(
      String authUrl,
      String settingName,
      String username,
      Secret password,
      String userDomainName,
      String projectId,
      String projectName,
      String projectDomainName,
      String region,
      String interfaceName) {
    this(
        authUrl,
        settingName,
        username,
        password,
        userDomainName,
        projectId,
        projectName,
        projectDomainName,
        region,
        interfaceName,
        null,
        null);
  }

  /** Whether Keystone is asked with the application credential rather than a password. */
  public boolean usesApplicationCredential() {
    return applicationCredentialId != null;
  }
}
