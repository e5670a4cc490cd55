package dev.trovekeeper.console;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Deletes expired console sessions every five minutes. Every replica runs it: the delete uses the
 * {@code expires_at} index and is idempotent, so two replicas at once only find less to delete.
 */
@ApplicationScoped
class ConsoleSessionCleanup {

  private final ConsoleSessions sessions;

  ConsoleSessionCleanup(ConsoleSessions sessions) {
    this.sessions = sessions;
  }

  @Scheduled(
      identity = "console-session-cleanup",
      every = "5m",
      delayed = "1m",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void cleanUp() {
    try {
      int deleted = sessions.removeExpired();
      if (deleted > 0) {
        Log.debugf("Deleted %d expired console sessions", deleted);
      }
    } catch (RuntimeException e) {
      Log.warnf("Console session cleanup failed, next pass in 5 min: %s", e);
    }
  }
}
