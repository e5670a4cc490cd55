package dev.trovekeeper.trove;

import java.util.Optional;

/**
 * Supplies service credentials instead of the configuration, as the built-in demo region does when
 * it is enabled.
 */
public interface CredentialsOverride {

  Optional<ServiceCredentials> credentials();
}
