package dev.trovekeeper.testing;

import com.icegreen.greenmail.util.GreenMail;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts GreenMail SMTP (see {@link SmtpServer}) and returns {@code quarkus.mailer.host}, {@code
 * port}, {@code from}, {@code mock=false} (and plain SMTP without TLS). Tests read the mail the
 * application sent through {@link #greenMail()}.
 */
public class SmtpTestResource implements QuarkusTestResourceLifecycleManager {

  private static volatile SmtpServer server;

  /** The running server's GreenMail; fails when no resource is started. */
  public static GreenMail greenMail() {
    SmtpServer current = server;
    if (current == null) {
      throw new IllegalStateException("SmtpTestResource is not started");
    }
    return current.greenMail();
  }

  @Override
  public Map<String, String> start() {
    server = SmtpServer.start();
    return server.config();
  }

  @Override
  public void stop() {
    SmtpServer current = server;
    if (current != null) {
      current.close();
      server = null;
    }
  }
}
