package dev.trovekeeper.events;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Removes every meter from the registry when the application stops. The registry Quarkus injects is
 * Micrometer's global composite, which outlives the application whenever the JVM starts it again
 * (Quarkus tests restart the application for each test profile, and libraries are loaded once per
 * JVM): a gauge left behind stays bound to the stopped application's objects, and registering the
 * same gauge again returns that stale one. Seen as {@code trove_keeper_openstack_up} reading NaN
 * while the openstack health group, fed by the same probe, was down.
 */
@ApplicationScoped
class MeterCleanup {

  private final MeterRegistry registry;

  MeterCleanup(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Late among shutdown observers, so that meters recorded while stopping go too. */
  void onStop(@Observes @Priority(Integer.MAX_VALUE - 10) ShutdownEvent event) {
    registry.clear();
  }
}
