package dev.trovekeeper.events;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Publishes outbox rows to Kafka through the messaging channel {@code events} (see {@link
 * ChannelEventPublisher}), at least once, in id order per subject.
 *
 * <p>A pass, in one transaction: lock the oldest unpublished rows with {@code FOR UPDATE SKIP
 * LOCKED} (so replicas relaying at the same time take disjoint rows and none is sent twice), hold
 * back rows whose subject has an older row still unpublished outside this claim (another replica
 * holds it, or it failed: sending the newer one first would break the subject's order), send the
 * rest, wait for the acknowledgements, then set {@code published_at} on the acknowledged rows and
 * add one to {@code attempts} of the others, which the next pass tries again. A crash after the
 * send and before the commit re-sends the batch: consumers dedupe by the CloudEvents {@code id}.
 *
 * <p>Passes are driven by {@link OutboxRelayJob}, a {@code @Scheduled} job with {@code
 * concurrentExecution = SKIP}: no dedicated thread to start, stop and supervise, and a pass that
 * takes longer than the interval is never overlapped on the same replica. The cost is up to one
 * poll interval (1 s) of latency, which event consumers do not notice.
 */
@ApplicationScoped
public class OutboxRelay {

  private final OutboxRepository outbox;
  private final EventsConfig config;
  private final Clock clock;
  private final EventPublisher publisher;

  OutboxRelay(
      OutboxRepository outbox, EventsConfig config, Clock clock, ChannelEventPublisher channel) {
    this.outbox = outbox;
    this.config = config;
    this.clock = clock;
    this.publisher =
        config.kafka().bootstrapServers().isPresent() ? channel : new LogEventPublisher();
  }

  /**
   * One relay pass. Safe to call from several threads and replicas at once.
   *
   * @return how many events were published
   */
  @Transactional
  public int relayOnce() {
    List<OutboxEvent> claimed = outbox.claimUnpublished(config.batchSize());
    if (claimed.isEmpty()) {
      return 0;
    }
    List<OutboxEvent> sendable = inSubjectOrder(claimed);
    if (sendable.isEmpty()) {
      return 0;
    }
    List<Boolean> acked = publisher.publish(sendable);
    Instant now = clock.instant();
    int published = 0;
    for (int i = 0; i < sendable.size(); i++) {
      OutboxEvent event = sendable.get(i);
      if (acked.get(i)) {
        event.publishedAt = now;
        published++;
      } else {
        event.attempts++;
      }
    }
    if (published < sendable.size()) {
      Log.warnf("Published %d of %d events; the rest next pass", published, sendable.size());
    }
    return published;
  }

  /** The claimed rows no older unpublished row of the same subject must precede. */
  private List<OutboxEvent> inSubjectOrder(List<OutboxEvent> claimed) {
    List<Long> ids = claimed.stream().map(e -> e.id).toList();
    long newest = ids.get(ids.size() - 1);
    Set<String> waiting = outbox.subjectsWaitingBefore(newest, ids);
    if (waiting.isEmpty()) {
      return claimed;
    }
    List<OutboxEvent> sendable = new ArrayList<>(claimed.size());
    for (OutboxEvent event : claimed) {
      if (!waiting.contains(event.subject)) {
        sendable.add(event);
      }
    }
    return sendable;
  }
}
