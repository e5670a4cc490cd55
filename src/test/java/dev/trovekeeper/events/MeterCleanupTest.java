package dev.trovekeeper.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MeterCleanupTest {

  @Test
  void aGaugeRegisteredAfterARestartReadsTheNewApplicationsValue() {
    CompositeMeterRegistry global = new CompositeMeterRegistry();
    global.add(new SimpleMeterRegistry());
    AtomicLong first = new AtomicLong(1);
    Gauge.builder("g", first, AtomicLong::get).register(global);

    new MeterCleanup(global).onStop(new ShutdownEvent());

    AtomicLong second = new AtomicLong(2);
    Gauge gauge = Gauge.builder("g", second, AtomicLong::get).register(global);
    assertThat(gauge.value()).isEqualTo(2.0);
  }
}
