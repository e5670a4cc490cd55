package dev.trovekeeper.boot;

/** A start-up check failed; the message names the setting to fix and is all the operator sees. */
public class StartupCheckException extends RuntimeException {

  public StartupCheckException(String message) {
    super(message);
  }
}
