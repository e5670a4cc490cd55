package dev.trovekeeper.run;

import dev.trovekeeper.inventory.DrillInstances;
import java.util.regex.Pattern;

/**
 * Names of the instances a restore run posts: {@code <name>-tk<runId>} for its first attempt,
 * {@code <name>-tk<runId>-<attempt>} after, so each POST is unique and a run resumed after a
 * timeout or crash finds its instance by name instead of creating a second one. A drill's instances
 * are named by {@link DrillInstances} (discovery skips them).
 */
final class RestoreNames {

  /** Trove's limit on instance names is 255; the base is cut so any suffix fits. */
  static final int MAX_BASE = 100;

  private RestoreNames() {}

  static String of(Restore restore, String sourceName, long runId, int attempt) {
    if (restore.drill) {
      return DrillInstances.name(runId, attempt);
    }
    String base = restore.baseName != null ? restore.baseName : sourceName + "-restored";
    if (base.length() > MAX_BASE) {
      base = base.substring(0, MAX_BASE);
    }
    return base + "-tk" + runId + (attempt > 1 ? "-" + attempt : "");
  }

  /** Whether {@code name} is one the run posts under (any attempt). */
  static boolean ofRun(Restore restore, long runId, String name) {
    if (name == null) {
      return false;
    }
    if (restore.drill) {
      return DrillInstances.ofRun(runId, name);
    }
    return Pattern.compile(".*-tk" + runId + "(-\\d+)?").matcher(name).matches();
  }
}
