package dev.trovekeeper.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Limits of a request's head, answered as problems ({@link HttpLayerGuard}) on the API and the
 * management port. Netty's own limits ({@code quarkus.http.limits.*}) are higher, so that a request
 * over these gets an answer with a body instead of Vert.x's empty one.
 */
@ConfigMapping(prefix = "keeper.http")
public interface HttpLimitsConfig {

  /** Longest request line (method, target with the query, version), in bytes; longer is 414. */
  @WithDefault("4096")
  int maxRequestLine();

  /** Largest header block (every {@code name: value} line), in bytes; larger is 431. */
  @WithDefault("20480")
  int maxHeaderSize();
}
