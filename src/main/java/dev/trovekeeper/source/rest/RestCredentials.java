package dev.trovekeeper.source.rest;

import dev.trovekeeper.config.Secret;

/**
 * A REST source's secrets, kept apart from its configuration (stored encrypted, never returned or
 * logged: {@link #toString()} shows none of them).
 *
 * @param apiKey the API key (API_KEY)
 * @param token the bearer token (BEARER)
 * @param clientId the OAuth2 client id (OAUTH2_CLIENT_CREDENTIALS)
 * @param clientSecret the OAuth2 client secret (OAUTH2_CLIENT_CREDENTIALS)
 */
public record RestCredentials(Secret apiKey, Secret token, String clientId, Secret clientSecret) {

  public static RestCredentials none() {
    return new RestCredentials(null, null, null, null);
  }

  public static RestCredentials apiKey(String key) {
    return new RestCredentials(Secret.of(key), null, null, null);
  }

  public static RestCredentials bearer(String token) {
    return new RestCredentials(null, Secret.of(token), null, null);
  }

  public static RestCredentials clientCredentials(String clientId, String clientSecret) {
    return new RestCredentials(null, null, clientId, Secret.of(clientSecret));
  }

  @Override
  public String toString() {
    return "RestCredentials[******]";
  }
}
