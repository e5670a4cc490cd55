package dev.trovekeeper.auth;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** Deletion-confirmation nonces. */
@ApplicationScoped
public class DeletionConfirmationRepository
    implements PanacheRepositoryBase<DeletionConfirmation, String> {

  /**
   * Marks the nonce used if it is unused and unexpired, in one statement so two concurrent
   * confirmations cannot both win. Returns whether this call used it.
   */
  boolean markUsed(String nonce, Instant now) {
    return update("usedAt = ?1 where nonce = ?2 and usedAt is null and expiresAt > ?1", now, nonce)
        == 1;
  }
}
