package dev.trovekeeper.console;

import dev.trovekeeper.api.ErrorCode;
import dev.trovekeeper.api.KeeperException;
import java.util.function.Supplier;

/** A console page that cannot be shown: rendered as an error page with the status and message. */
class ConsoleFailure extends RuntimeException {

  private final int status;
  private final String title;

  ConsoleFailure(int status, String title, String message) {
    super(message, null, false, false);
    this.status = status;
    this.title = title;
  }

  /** The same "not found" for an unknown id and another project's (tenant isolation). */
  static ConsoleFailure notFound() {
    return new ConsoleFailure(404, "Not found", "There is nothing here, or it is not yours.");
  }

  /**
   * Runs a service call, turning its {@link KeeperException} into the page a browser gets: an
   * expired credential back to sign-in, a 404 into "not found", any other into its message.
   */
  static <T> T call(Supplier<T> action) {
    try {
      return action.get();
    } catch (KeeperException e) {
      throw of(e);
    }
  }

  static RuntimeException of(KeeperException e) {
    if (e.code() == ErrorCode.UNAUTHENTICATED) {
      return new SignInRequired(true);
    }
    if (e.code().status() == 404) {
      return notFound();
    }
    return new ConsoleFailure(e.code().status(), e.code().title(), e.getMessage());
  }

  int status() {
    return status;
  }

  String title() {
    return title;
  }
}
