package dev.trovekeeper.console;

/** The request has no live session: the browser goes to the sign-in page. */
class SignInRequired extends RuntimeException {

  private final boolean expired;

  /**
   * @param expired the browser sent a session cookie that no longer names a session
   */
  SignInRequired(boolean expired) {
    super(expired ? "session expired" : "not signed in", null, false, false);
    this.expired = expired;
  }

  boolean expired() {
    return expired;
  }
}
