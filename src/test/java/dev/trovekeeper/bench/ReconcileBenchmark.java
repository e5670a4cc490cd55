package dev.trovekeeper.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.GarbageCollectionNotificationInfo;
import dev.trovekeeper.demo.InstanceInfo;
import dev.trovekeeper.inventory.ReconcileJob;
import dev.trovekeeper.inventory.ReconcileReport;
import dev.trovekeeper.testing.TestInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A reconcile of {@code bench.instances} (default 100,000) demo instances in one project, in the
 * default chunks of 500: the pass that registers them, a pass with nothing changed (Trove 18's one
 * unpaged answer, then a Trove paging by 1,000), and the pass that marks them all vanished. Prints
 * one {@code BENCH_RECONCILE} line per pass: duration, the most heap live after a GC during it
 * (what the pass keeps, over the baseline measured after a GC before it), the sampled peak of heap
 * used, and the bytes the reconciling thread allocated. The demo region runs in this JVM: its
 * 100,000 instances are in the baseline, its serialized answer in the peaks.
 */
@QuarkusTest
@TestProfile(ReconcileBenchmark.Profile.class)
@Tag("bench")
class ReconcileBenchmark {

  /**
   * Pages of 1,000 when Trove pages, no client-side rate limit for the 100 pages, time for the demo
   * region to build its unpaged answer (it sends nothing before the whole fleet is written, as
   * Trove 18 does), and no run execution.
   */
  public static class Profile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "keeper.openstack.page-size", "1000",
          "keeper.openstack.rate-limit-per-minute", "0",
          "keeper.openstack.listing-timeout", "120s",
          "keeper.run.enabled", "false");
    }
  }

  private static final double MIB = 1024 * 1024;

  @Inject ReconcileJob reconcile;

  @Test
  void reconcileOfAHundredThousandInstances() throws Exception {
    int n = Integer.getInteger("bench.instances", 100_000);
    String project = "bench-reconcile-" + UUID.randomUUID().toString().substring(0, 8);
    List<InstanceInfo> fleet = region().addInstancesSilently(project, "r", n);

    ReconcileReport added = measure("register", n, () -> reconcile.reconcileNow());
    assertThat(added.added()).isGreaterThanOrEqualTo(n);
    ReconcileReport steady = measure("unchanged-unpaged", n, () -> reconcile.reconcileNow());
    assertThat(steady.listed()).isGreaterThanOrEqualTo(n);
    region().setManagementListingPageSize(1000);
    try {
      measure("unchanged-paged-1000", n, () -> reconcile.reconcileNow());
    } finally {
      region().setManagementListingPageSize(0);
    }
    fleet.forEach(i -> region().forgetInstance(project, i.id()));
    ReconcileReport vanished = measure("vanish", n, () -> reconcile.reconcileNow());
    assertThat(vanished.vanished()).isGreaterThanOrEqualTo(n);
  }

  private static ReconcileReport measure(String pass, int n, Supplier<ReconcileReport> work)
      throws Exception {
    System.gc();
    long baseline = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    long thread = Thread.currentThread().getId();
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long allocatedBefore = threads.getThreadAllocatedBytes(thread);
    ReconcileReport report;
    long started = System.nanoTime();
    try (HeapWatch watch = new HeapWatch()) {
      report = work.get();
      double seconds = (System.nanoTime() - started) / 1e9;
      long allocated = threads.getThreadAllocatedBytes(thread) - allocatedBefore;
      System.out.printf(
          "BENCH_RECONCILE pass=%s instances=%d listed=%d added=%d vanished=%d transactions=%d"
              + " seconds=%.1f instances_per_second=%.0f baseline_heap_mib=%.1f"
              + " max_live_after_gc_over_baseline_mib=%.1f gcs=%d peak_heap_used_mib=%.1f"
              + " thread_allocated_mib=%.0f%n",
          pass,
          n,
          report.listed(),
          report.added(),
          report.vanished(),
          report.transactions(),
          seconds,
          n / seconds,
          baseline / MIB,
          Math.max(0, watch.maxLiveAfterGc() - baseline) / MIB,
          watch.gcs(),
          watch.peakUsed() / MIB,
          allocated / MIB);
    }
    return report;
  }

  private static dev.trovekeeper.demo.DemoRegion region() {
    return TestInfrastructure.region();
  }

  /** Heap live after each GC (the most of them) and heap used sampled every 10 ms (the peak). */
  private static final class HeapWatch implements AutoCloseable {
    private static final java.util.Set<String> HEAP_POOLS =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == java.lang.management.MemoryType.HEAP)
            .map(java.lang.management.MemoryPoolMXBean::getName)
            .collect(java.util.stream.Collectors.toSet());
    private final AtomicLong maxLive = new AtomicLong();
    private final AtomicLong peak = new AtomicLong();
    private final AtomicLong gcs = new AtomicLong();
    private final NotificationListener listener = (notification, handback) -> afterGc(notification);
    private final Thread sampler;
    private volatile boolean running = true;

    HeapWatch() {
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        ((NotificationEmitter) gc).addNotificationListener(listener, null, null);
      }
      sampler =
          new Thread(
              () -> {
                while (running) {
                  long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                  peak.accumulateAndGet(used, Math::max);
                  try {
                    Thread.sleep(10);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "bench-heap-sampler");
      sampler.setDaemon(true);
      sampler.start();
    }

    private void afterGc(javax.management.Notification notification) {
      if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
          notification.getType())) {
        return;
      }
      var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
      long live =
          info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
              .filter(pool -> HEAP_POOLS.contains(pool.getKey()))
              .mapToLong(pool -> pool.getValue().getUsed())
              .sum();
      maxLive.accumulateAndGet(live, Math::max);
      gcs.incrementAndGet();
    }

    long maxLiveAfterGc() {
      return maxLive.get();
    }

    long peakUsed() {
      return peak.get();
    }

    long gcs() {
      return gcs.get();
    }

    @Override
    public void close() throws Exception {
      running = false;
      sampler.join();
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        ((NotificationEmitter) gc).removeNotificationListener(listener);
      }
    }
  }
}
