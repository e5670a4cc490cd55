package dev.trovekeeper.migration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Breaks a migration step once, at the worst moment: a batch of {@link #arm(String) the armed
 * table} is committed to the target tenant, and its new keys are not yet in the id map.
 */
@ApplicationScoped
public class MigrationCrash {

  private static final AtomicReference<String> ARMED = new AtomicReference<>();

  /** The next batch of {@code table} written breaks the step (once). */
  static void arm(String table) {
    ARMED.set(table);
  }

  static boolean fired() {
    return ARMED.get() == null;
  }

  void on(@Observes MigrationBatchWritten written) {
    String table = ARMED.get();
    if (table != null && table.equals(written.table()) && ARMED.compareAndSet(table, null)) {
      throw new IllegalStateException(
          "injected crash after writing " + written.rowsDone() + " rows, before the id map");
    }
  }
}
