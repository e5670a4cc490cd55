package dev.trovekeeper.migration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Acts once inside a migration step at the worst moment: a batch of the armed table is committed to
 * the target tenant and its new keys are not yet in the id map. By default it breaks the step.
 */
@ApplicationScoped
public class MigrationCrash {

  private record Hook(String table, Consumer<MigrationBatchWritten> action) {}

  private static final AtomicReference<Hook> ARMED = new AtomicReference<>();

  /** The next batch of {@code table} written breaks the step (once). */
  static void arm(String table) {
    arm(
        table,
        written -> {
          throw new IllegalStateException(
              "injected crash after writing " + written.rowsDone() + " rows, before the id map");
        });
  }

  /** The next batch of {@code table} written runs {@code action} on the run's worker (once). */
  static void arm(String table, Consumer<MigrationBatchWritten> action) {
    ARMED.set(new Hook(table, action));
  }

  static boolean fired() {
    return ARMED.get() == null;
  }

  void on(@Observes MigrationBatchWritten written) {
    Hook hook = ARMED.get();
    if (hook != null && hook.table().equals(written.table()) && ARMED.compareAndSet(hook, null)) {
      hook.action().accept(written);
    }
  }
}
