package dev.trovekeeper.auth;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * Sends confirmation mails, trying again on a fresh connection when one exchange fails or stalls
 * past {@code quarkus.mailer.timeout} (SMTP 4xx answers are transient by definition; a stalled
 * exchange was seen ending in the server's idle-timeout 421).
 */
@ApplicationScoped
class ConfirmationMailer {

  private final Mailer mailer;

  ConfirmationMailer(Mailer mailer) {
    this.mailer = mailer;
  }

  @Retry(maxRetries = 2, delay = 200)
  void send(Mail mail) {
    mailer.send(mail);
  }
}
