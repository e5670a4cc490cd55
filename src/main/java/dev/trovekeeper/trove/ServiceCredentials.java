package dev.trovekeeper.trove;

import dev.trovekeeper.auth.Secret;

/**
 * The service user's Keystone credentials, resolved from the environment, clouds.yaml or the demo
 * region.
 *
 * @param authUrl Keystone v3 URL
 * @param settingName the setting the URL came from, named in error messages
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
    String interfaceName) {}
