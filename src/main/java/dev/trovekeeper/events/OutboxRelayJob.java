package dev.trovekeeper.events;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;

/** Runs the outbox relay every poll interval, and deletes published rows past the retention. */
@ApplicationScoped
public class OutboxRelayJob {

  private static final int DELETE_CHUNK = 5_000;

  private final OutboxRelay relay;
  private final OutboxRepository outbox;
  private final EventsConfig config;
  private final Clock clock;

  OutboxRelayJob(OutboxRelay relay, OutboxRepository outbox, EventsConfig config, Clock clock) {
    this.relay = relay;
    this.outbox = outbox;
    this.config = config;
    this.clock = clock;
  }

  @Scheduled(
      identity = "events-outbox-relay",
      every = "${keeper.events.poll-interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void relay() {
    try {
      // A full batch suggests more are waiting: keep going instead of sleeping an interval.
      while (relay.relayOnce() == config.batchSize()) {
        Log.debug("Outbox relay: full batch published, taking the next one");
      }
    } catch (RuntimeException e) {
      Log.warnf("Outbox relay pass failed, next pass in %s: %s", config.pollInterval(), e);
    }
  }

  @Scheduled(
      identity = "events-outbox-cleanup",
      every = "${keeper.events.cleanup-interval}",
      delayed = "1m",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void cleanup() {
    try {
      int deleted;
      do {
        deleted = deleteChunk();
      } while (deleted == DELETE_CHUNK);
    } catch (RuntimeException e) {
      Log.warnf("Outbox cleanup failed, next in %s: %s", config.cleanupInterval(), e);
    }
  }

  /** Deletes one chunk of published rows older than the retention; short transactions. */
  private int deleteChunk() {
    Instant cutoff = clock.instant().minus(config.publishedRetention());
    return outbox.deletePublishedBefore(cutoff, DELETE_CHUNK);
  }
}
