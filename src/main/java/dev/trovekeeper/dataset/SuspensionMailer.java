package dev.trovekeeper.dataset;

import dev.trovekeeper.api.PublicUrl;
import dev.trovekeeper.auth.OwnerEmails;
import dev.trovekeeper.inventory.Target;
import io.quarkus.logging.Log;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Tells a project's owner that a dataset was suspended: why, and how to resume it. The mail is
 * queued in the suspending transaction (a rollback sends nothing) and sent by {@link
 * SuspensionMailJob} after commit, once per suspension; a send that fails is retried with backoff
 * and never undoes the suspension.
 */
@ApplicationScoped
public class SuspensionMailer {

  /** Mails handled per pass, so one pass cannot hold the job for long. */
  private static final int PER_PASS = 50;

  private final SuspensionMails mails;
  private final OwnerEmails owners;
  private final Mailer mailer;
  private final PublicUrl publicUrl;
  private final SuspensionMailConfig config;
  private final Clock clock;

  SuspensionMailer(
      SuspensionMails mails,
      OwnerEmails owners,
      Mailer mailer,
      PublicUrl publicUrl,
      SuspensionMailConfig config,
      Clock clock) {
    this.mails = mails;
    this.owners = owners;
    this.mailer = mailer;
    this.publicUrl = publicUrl;
    this.config = config;
    this.clock = clock;
  }

  /** Queues the owner's mail about the suspension of {@code dataset}; joins its transaction. */
  @Transactional(Transactional.TxType.MANDATORY)
  void queue(Target dataset, String reasonCode, String reason, String actor) {
    Instant now = clock.instant();
    String name = printable(dataset.name, 100);
    String resume = publicUrl.of("/v1/datasets/" + dataset.externalId + "/resume").toString();
    String subject = "Backups of dataset " + name + " are suspended";
    String body =
        """
        Backups of dataset "%s" (id %s) of project %s were suspended at %s.

        Why: %s: %s (by %s)

        Nothing was deleted: the dataset's backups, policy and schedule are kept, but no backup
        is taken until the dataset is resumed.

        To resume it, first fix the cause (for SOURCE_UNAUTHORIZED: give the dataset credentials
        its source accepts), then, as a member of the project:

          curl -X POST -H "X-Auth-Token: $TOKEN" %s

        Its schedule then continues from that moment.
        """
            .formatted(
                name,
                dataset.externalId,
                dataset.projectId,
                now,
                reasonCode,
                printable(reason, 500),
                printable(actor, 100),
                resume);
    mails.queue(dataset.id, dataset.projectId, subject, body, now);
  }

  /**
   * Sends the mails that are due, each in a transaction of its own that holds its row while it is
   * sent (another replica skips it); returns how many were sent.
   */
  public int sendDue() {
    int sent = 0;
    for (int i = 0; i < PER_PASS; i++) {
      Optional<Boolean> result = QuarkusTransaction.requiringNew().call(this::sendNext);
      if (result.isEmpty()) {
        break;
      }
      sent += result.get() ? 1 : 0;
    }
    mails.pruneDoneBefore(clock.instant().minus(Duration.ofDays(30)), 1000);
    return sent;
  }

  /** Sends the next due mail: empty when none is due, else whether it went out. */
  private Optional<Boolean> sendNext() {
    Instant now = clock.instant();
    Optional<SuspensionMails.Queued> next = mails.lockNextDue(now);
    if (next.isEmpty()) {
      return Optional.empty();
    }
    SuspensionMails.Queued mail = next.get();
    Optional<String> to = owners.find(mail.projectId());
    if (to.isEmpty()) {
      retryOrGiveUp(mail, "no owner e-mail is recorded for project " + mail.projectId(), now);
      return Optional.of(false);
    }
    try {
      mailer.send(Mail.withText(to.get(), mail.subject(), mail.body()));
    } catch (RuntimeException e) {
      retryOrGiveUp(mail, e.toString(), now);
      return Optional.of(false);
    }
    mails.sent(mail.id(), to.get(), clock.instant());
    Log.infof("Suspension mail %d sent to %s: %s", mail.id(), to.get(), mail.subject());
    return Optional.of(true);
  }

  private void retryOrGiveUp(SuspensionMails.Queued mail, String error, Instant now) {
    int attempts = mail.attempts() + 1;
    if (attempts >= config.maxAttempts()) {
      Log.errorf(
          "Suspension mail %d (project %s) given up after %d tries: %s",
          mail.id(), mail.projectId(), attempts, error);
      mails.failed(mail.id(), error, null, now);
      return;
    }
    Duration wait = config.interval().multipliedBy(1L << Math.min(20, attempts - 1));
    if (wait.compareTo(config.retryMaxDelay()) > 0) {
      wait = config.retryMaxDelay();
    }
    Log.warnf(
        "Suspension mail %d (project %s) not sent, try %d, again in %s: %s",
        mail.id(), mail.projectId(), attempts, wait, error);
    mails.failed(mail.id(), error, now.plus(wait), now);
  }

  /** A tenant-chosen text made safe for a mail: no control characters, bounded length. */
  static String printable(String text, int max) {
    if (text == null) {
      return "";
    }
    String clean = text.replaceAll("\\p{Cntrl}", " ").strip();
    return clean.length() <= max ? clean : clean.substring(0, max) + "...";
  }
}
