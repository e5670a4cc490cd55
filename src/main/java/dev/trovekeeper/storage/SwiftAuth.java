package dev.trovekeeper.storage;

import java.net.URI;

/**
 * Where a Swift account is and a token that opens it. Implementations cache the token and renew it
 * before it expires; {@link #invalidate()} makes the next {@link #session()} authenticate again
 * (after Swift answered 401).
 */
interface SwiftAuth {

  /**
   * A token believed valid and the account's storage URL ({@code .../v1/AUTH_<project>}).
   *
   * @throws Failure when no token can be had
   */
  Session session();

  /** Forgets the cached token. */
  void invalidate();

  /** What authenticates, for messages: the auth kind and its URL, never a secret. */
  String describe();

  /**
   * @param token the {@code X-Auth-Token} value
   * @param storageUrl the account URL, without a trailing slash
   */
  record Session(String token, URI storageUrl) {

    @Override
    public String toString() {
      return "Session[" + storageUrl + "]";
    }
  }

  /** Authentication failed; the message names what authenticates, never a secret. */
  final class Failure extends RuntimeException {

    private final boolean transientFailure;

    Failure(String message, boolean transientFailure, Throwable cause) {
      super(message, cause);
      this.transientFailure = transientFailure;
    }

    boolean isTransient() {
      return transientFailure;
    }
  }
}
