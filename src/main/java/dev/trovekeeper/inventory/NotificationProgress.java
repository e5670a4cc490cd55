package dev.trovekeeper.inventory;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** How far the notification consumer got: the record in hand (since when) and records done. */
@ApplicationScoped
public class NotificationProgress {

  private final Clock clock;
  private final AtomicReference<Instant> inHandSince = new AtomicReference<>();
  private final AtomicLong done = new AtomicLong();

  NotificationProgress(Clock clock) {
    this.clock = clock;
  }

  void started() {
    inHandSince.set(clock.instant());
  }

  void finished() {
    inHandSince.set(null);
    done.incrementAndGet();
  }

  /** How long the record in hand has been worked on (retries included); empty when idle. */
  public Optional<Duration> inHandFor() {
    Instant since = inHandSince.get();
    return since == null ? Optional.empty() : Optional.of(Duration.between(since, clock.instant()));
  }

  /** Records acknowledged or dead-lettered since start. */
  public long done() {
    return done.get();
  }
}
