package dev.trovekeeper.trove;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Whether Keystone gives the service a token and Trove answers it, probed in the background so that
 * no health request or scrape ever waits for OpenStack: the {@code openstack} health group and the
 * gauge {@code trove_keeper_openstack_up} read the last answer. A probe still unanswered after the
 * OpenStack timeout counts as down. Not part of readiness: a replica whose Trove hangs still serves
 * the tenant API from the database.
 */
@ApplicationScoped
public class OpenStackProbe {

  /**
   * One probe's answer.
   *
   * @param fault the {@link TroveFault} name when down, else null
   * @param error what failed, else null
   */
  public record Result(boolean up, String fault, String error, Instant checkedAt) {}

  private final TroveClient trove;
  private final OpenStackConfig config;
  private final Clock clock;
  private volatile Result last;
  private volatile Instant inFlightSince;

  OpenStackProbe(TroveClient trove, OpenStackConfig config, Clock clock, MeterRegistry registry) {
    this.trove = trove;
    this.config = config;
    this.clock = clock;
    Gauge.builder("trove_keeper_openstack_up", this, OpenStackProbe::gaugeValue)
        .description("1 when Keystone gives the service a token and Trove answers it, else 0")
        .register(registry);
  }

  @Scheduled(
      identity = "openstack-probe",
      every = "${keeper.openstack.probe-interval:15s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void probe() {
    inFlightSince = clock.instant();
    Result result;
    try {
      trove.ping();
      result = new Result(true, null, null, clock.instant());
    } catch (TroveException e) {
      result = new Result(false, e.fault().name(), e.getMessage(), clock.instant());
    } catch (RuntimeException e) {
      result = new Result(false, TroveFault.TRANSIENT.name(), String.valueOf(e), clock.instant());
    }
    last = result;
    inFlightSince = null;
  }

  /** The last answer; down while a probe has gone unanswered longer than the timeout. */
  public Result current() {
    Instant now = clock.instant();
    Instant since = inFlightSince;
    Duration waited = since == null ? Duration.ZERO : Duration.between(since, now);
    if (waited.compareTo(config.timeout()) > 0) {
      return new Result(
          false,
          TroveFault.TRANSIENT.name(),
          "no answer from OpenStack for " + waited.toSeconds() + " s",
          now);
    }
    Result result = last;
    return result != null
        ? result
        : new Result(false, TroveFault.TRANSIENT.name(), "not probed yet", now);
  }

  private double gaugeValue() {
    if (last == null && inFlightSince == null) {
      return Double.NaN;
    }
    return current().up() ? 1 : 0;
  }
}
