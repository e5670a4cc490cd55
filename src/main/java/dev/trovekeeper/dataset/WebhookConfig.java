package dev.trovekeeper.dataset;

import dev.trovekeeper.config.Secret;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The signed tenant-status webhook of the tenants' platform ({@code keeper.webhook.*}). */
@ConfigMapping(prefix = "keeper.webhook")
public interface WebhookConfig {

  /**
   * The secret the platform signs webhook calls with (HMAC-SHA256), at least 32 characters, e.g.
   * {@code openssl rand -hex 32}. Without it {@code POST /v1/webhooks/tenant-status} answers 503.
   */
  Optional<Secret> secret();

  /**
   * Secrets before a rotation, still accepted (comma-separated): configure the new secret here and
   * as {@code secret}, switch the platform over, then drop the old one (docs/OPERATIONS.md).
   */
  Optional<List<Secret>> previousSecrets();

  /**
   * How far a call's signed timestamp may be from this service's clock, either way: older calls are
   * refused as replays.
   */
  @WithDefault("5m")
  Duration tolerance();
}
