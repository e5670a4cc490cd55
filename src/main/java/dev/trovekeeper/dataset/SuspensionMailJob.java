package dev.trovekeeper.dataset;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** Sends queued suspension mails every {@code keeper.dataset.suspension-mail.interval}. */
@ApplicationScoped
class SuspensionMailJob {

  private final SuspensionMailer mailer;

  SuspensionMailJob(SuspensionMailer mailer) {
    this.mailer = mailer;
  }

  @Scheduled(
      identity = "dataset-suspension-mails",
      every = "${keeper.dataset.suspension-mail.interval:5s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void run() {
    try {
      mailer.sendDue();
    } catch (RuntimeException e) {
      Log.warnf("Sending suspension mails failed, trying again next pass: %s", e.toString());
    }
  }
}
