package dev.trovekeeper.inventory;

import io.smallrye.reactive.messaging.health.HealthReport;
import io.smallrye.reactive.messaging.providers.extension.HealthCenter;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness and liveness of the notification consumer: DOWN while one record has been in hand
 * longer than {@code keeper.notifications.stall-threshold} (it keeps failing, so nothing behind it
 * moves) or when the messaging layer reports the channel failed (its Kafka consumer died).
 * SmallRye's own channel checks stay on too; this one also covers the in-memory connector and makes
 * a failed consumer show in readiness, not only in liveness.
 */
@Liveness
@Readiness
@ApplicationScoped
public class NotificationConsumerHealth implements HealthCheck {

  private final NotificationProgress progress;
  private final NotificationsConfig config;
  private final HealthCenter messaging;

  NotificationConsumerHealth(
      NotificationProgress progress, NotificationsConfig config, HealthCenter messaging) {
    this.progress = progress;
    this.config = config;
    this.messaging = messaging;
  }

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder health =
        HealthCheckResponse.named("notification-consumer").withData("handled", progress.done());
    Optional<Duration> inHand = progress.inHandFor();
    inHand.ifPresent(d -> health.withData("recordInHandSeconds", d.toSeconds()));
    Optional<HealthReport.ChannelInfo> failed =
        messaging.getLiveness().getChannels().stream()
            .filter(c -> NotificationListener.CHANNEL.equals(c.getChannel()) && !c.isOk())
            .findFirst();
    if (failed.isPresent()) {
      return health
          .withData("reason", "channel failed: " + failed.get().getMessage())
          .down()
          .build();
    }
    if (inHand.isPresent() && inHand.get().compareTo(config.stallThreshold()) > 0) {
      return health.withData("reason", "one record has been failing for too long").down().build();
    }
    return health.up().build();
  }
}
