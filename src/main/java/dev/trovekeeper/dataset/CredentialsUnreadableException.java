package dev.trovekeeper.dataset;

/** Stored credentials that cannot be decrypted with the configured keys. */
public class CredentialsUnreadableException extends RuntimeException {

  CredentialsUnreadableException(String message) {
    super("dataset credentials unreadable: " + message);
  }
}
