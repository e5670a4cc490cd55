package dev.trovekeeper.dataset;

import dev.trovekeeper.config.Secret;
import io.smallrye.config.ConfigMapping;
import java.util.List;
import java.util.Optional;

/** Keys that encrypt dataset credentials at rest ({@code keeper.dataset.*}). */
@ConfigMapping(prefix = "keeper.dataset")
public interface CredentialsConfig {

  /**
   * The key that encrypts credentials stored from now on: 32 random bytes, base64 ({@code openssl
   * rand -base64 32}). Without it, datasets with credentials cannot be registered.
   */
  Optional<Secret> credentialsKey();

  /**
   * Keys used before a rotation, still accepted to decrypt credentials stored with them (each
   * stored value names its key by a fingerprint, see docs/OPERATIONS.md).
   */
  Optional<List<Secret>> previousCredentialsKeys();
}
