package dev.trovekeeper.auth;

import dev.trovekeeper.api.ErrorCode;
import dev.trovekeeper.api.KeeperException;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;

/** The authenticated caller of the current request; resources inject it. */
@RequestScoped
public class CallerContext {

  private Caller caller;

  void set(Caller caller) {
    this.caller = caller;
  }

  /** The caller; 401 if the request was not authenticated (a public path). */
  public Caller caller() {
    if (caller == null) {
      throw new KeeperException(ErrorCode.UNAUTHENTICATED, "this request carries no credentials");
    }
    return caller;
  }

  /** The caller, if the request was authenticated. */
  public Optional<Caller> current() {
    return Optional.ofNullable(caller);
  }
}
