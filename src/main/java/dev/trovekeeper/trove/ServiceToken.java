package dev.trovekeeper.trove;

import java.time.Instant;

/**
 * A Keystone token of the service user with what the service needs from it.
 *
 * @param troveUrl the Trove endpoint of the configured region, {@code .../v1.0/<project>}
 * @param objectStoreUrl the Swift ({@code object-store}) endpoint of the configured region and
 *     interface, {@code .../v1/AUTH_<project>}, or null when the catalog has none
 */
public record ServiceToken(
    String id, Instant expiresAt, String projectId, String troveUrl, String objectStoreUrl) {

  /** A token whose catalog has no object store. */
  public ServiceToken(String id, Instant expiresAt, String projectId, String troveUrl) {
    this(id, expiresAt, projectId, troveUrl, null);
  }

  boolean validAt(Instant now, java.time.Duration margin) {
    return expiresAt.minus(margin).isAfter(now);
  }
}
