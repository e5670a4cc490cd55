package dev.trovekeeper.trove;

import java.time.Instant;

/**
 * A Keystone token of the service user with what the service needs from it.
 *
 * @param troveUrl the Trove endpoint of the configured region, {@code .../v1.0/<project>}
 */
public record ServiceToken(String id, Instant expiresAt, String projectId, String troveUrl) {

  boolean validAt(Instant now, java.time.Duration margin) {
    return expiresAt.minus(margin).isAfter(now);
  }
}
