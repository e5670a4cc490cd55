package dev.trovekeeper.trove;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * Keystone v3 {@code application_credential} authentication, which openstack4j 3.12 lacks: one
 * {@code POST /v3/auth/tokens}. The token is always scoped to the credential's own project.
 */
final class AppCredentialAuth {

  private static final ObjectMapper JSON = new ObjectMapper();

  private AppCredentialAuth() {}

  static ServiceToken authenticate(ServiceCredentials credentials, Duration timeout) {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode identity = body.putObject("auth").putObject("identity");
    identity.putArray("methods").add("application_credential");
    identity
        .putObject("application_credential")
        .put("id", credentials.applicationCredentialId())
        .put("secret", credentials.applicationCredentialSecret().reveal());
    String url = credentials.authUrl().replaceAll("/+$", "") + "/auth/tokens";
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build();
    HttpResponse<String> response;
    try {
      response =
          HttpClient.newBuilder()
              .connectTimeout(timeout)
              .build()
              .send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw PasswordAuth.unreachable(credentials, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw PasswordAuth.unreachable(credentials, e);
    }
    if (response.statusCode() != 201) {
      throw refused(credentials, response.statusCode());
    }
    return token(credentials, response);
  }

  private static ServiceToken token(ServiceCredentials credentials, HttpResponse<String> response) {
    try {
      JsonNode token = JSON.readTree(response.body()).path("token");
      return new ServiceToken(
          response.headers().firstValue("X-Subject-Token").orElseThrow(),
          Instant.parse(token.path("expires_at").asText()),
          token.path("project").path("id").asText(),
          troveEndpoint(token.path("catalog"), credentials),
          endpoint(token.path("catalog"), credentials, "object-store"));
    } catch (IOException | RuntimeException e) {
      if (e instanceof TroveException troveException) {
        throw troveException;
      }
      throw new TroveException(
          TroveFault.TRANSIENT, "Keystone answered a token it did not explain: " + e, null, e);
    }
  }

  private static String troveEndpoint(JsonNode catalog, ServiceCredentials credentials) {
    String url = endpoint(catalog, credentials, "database");
    if (url == null) {
      throw PasswordAuth.noTroveEndpoint(credentials);
    }
    return url;
  }

  /** The catalog's endpoint of {@code type} in the region and interface, or null. */
  private static String endpoint(JsonNode catalog, ServiceCredentials credentials, String type) {
    for (JsonNode service : catalog) {
      if (!type.equals(service.path("type").asText())) {
        continue;
      }
      for (JsonNode endpoint : service.path("endpoints")) {
        boolean regionMatches =
            credentials.region().equals(endpoint.path("region").asText())
                || credentials.region().equals(endpoint.path("region_id").asText());
        if (regionMatches
            && credentials.interfaceName().equals(endpoint.path("interface").asText())) {
          return endpoint.path("url").asText();
        }
      }
    }
    return null;
  }

  private static TroveException refused(ServiceCredentials credentials, int status) {
    String where = "Keystone at " + credentials.settingName() + "=" + credentials.authUrl();
    if (status >= 500) {
      return new TroveException(TroveFault.TRANSIENT, where + " answered " + status);
    }
    return new TroveException(
        TroveFault.UNAUTHORIZED,
        where
            + " refused application credential "
            + credentials.applicationCredentialId()
            + " ("
            + status
            + "; OS_APPLICATION_CREDENTIAL_ID / OS_APPLICATION_CREDENTIAL_SECRET)");
  }
}
