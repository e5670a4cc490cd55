package dev.trovekeeper.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.util.Map;

/** A GreenMail SMTP server on a random loopback port, keeping every mail it receives. */
public final class SmtpServer implements AutoCloseable {

  public static final String FROM = "trove-keeper@keeper.test";

  private final GreenMail greenMail;

  private SmtpServer(GreenMail greenMail) {
    this.greenMail = greenMail;
  }

  /** Starts the server and returns once it accepts connections. */
  public static SmtpServer start() {
    ServerSetup setup = new ServerSetup(FreePort.find(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
    GreenMail greenMail = new GreenMail(setup);
    greenMail.start();
    return new SmtpServer(greenMail);
  }

  /** The server, to read received mail ({@code getReceivedMessages()}, {@code waitFor...}). */
  public GreenMail greenMail() {
    return greenMail;
  }

  /** The SMTP port. */
  public int port() {
    return greenMail.getSmtp().getPort();
  }

  /** Config overrides pointing the Quarkus mailer at this server (and turning its mock off). */
  public Map<String, String> config() {
    return Map.of(
        "quarkus.mailer.host", "127.0.0.1",
        "quarkus.mailer.port", String.valueOf(port()),
        "quarkus.mailer.from", FROM,
        "quarkus.mailer.mock", "false",
        "quarkus.mailer.tls", "false",
        "quarkus.mailer.start-tls", "DISABLED");
  }

  @Override
  public void close() {
    greenMail.stop();
  }
}
