package dev.trovekeeper.trove;

/** A record that is not an oslo notification; it goes to the dead-letter topic with this reason. */
public class MalformedNotificationException extends RuntimeException {

  public MalformedNotificationException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
