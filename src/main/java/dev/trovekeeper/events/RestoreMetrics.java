package dev.trovekeeper.events;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Restore times per instance: {@code keeper_restore_rto_seconds} (a timer of every measured
 * restore, drill or not, tagged {@code project}, {@code target}, {@code drill}) and {@code
 * keeper_restore_rto_last_seconds} (the last one measured, a gauge to alert on).
 */
@ApplicationScoped
public class RestoreMetrics {

  private final MeterRegistry registry;
  private final Map<String, AtomicLong> lastMillis = new ConcurrentHashMap<>();

  RestoreMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Records one measured restore time (the POST to ACTIVE) of an instance's backup. */
  public void restored(String projectId, String instanceId, boolean drill, Duration rto) {
    Timer.builder("keeper.restore.rto")
        .description("time from asking Trove for a restored instance to it being ACTIVE")
        .tags(Tags.of("project", projectId, "target", instanceId, "drill", String.valueOf(drill)))
        .register(registry)
        .record(rto);
    lastMillis
        .computeIfAbsent(
            projectId + "/" + instanceId,
            k -> {
              AtomicLong value = new AtomicLong();
              Gauge.builder("keeper.restore.rto.last.seconds", value, v -> v.get() / 1000.0)
                  .description("the last measured restore time of the instance's backups")
                  .tags(Tags.of("project", projectId, "target", instanceId))
                  .register(registry);
              return value;
            })
        .set(rto.toMillis());
  }
}
