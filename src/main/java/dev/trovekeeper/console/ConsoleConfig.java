package dev.trovekeeper.console;

import dev.trovekeeper.config.Secret;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The web console: sessions and the signed hand-off link. */
@ConfigMapping(prefix = "keeper.console")
public interface ConsoleConfig {

  /**
   * Longest life of a console session (never past the Keystone token it was made from); an idle
   * session ends after {@link #idleTimeout()}.
   */
  @WithDefault("8h")
  Duration sessionTtl();

  /** A session unused for this long ends. */
  @WithDefault("30m")
  Duration idleTimeout();

  /**
   * Whether the session cookie carries {@code Secure} (sent over HTTPS only; browsers also send it
   * to {@code http://localhost}). Turn off only behind a plain-HTTP development setup.
   */
  @WithDefault("true")
  boolean secureCookie();

  /** The signed hand-off link ({@code /console/handoff}). */
  Handoff handoff();

  /** A cloud console's signed, time-limited link that signs a user in without a password. */
  interface Handoff {

    /**
     * HMAC-SHA256 key shared with the cloud console, at least 32 characters. Without it the
     * hand-off link is refused.
     */
    Optional<Secret> secret();

    /** How far the link's {@code ts} may lie from now (either way) for the link to be valid. */
    @WithDefault("2m")
    Duration validity();
  }
}
