package dev.trovekeeper.inventory;

import java.util.regex.Pattern;

/**
 * The throwaway instances restore drills create: {@code tk-drill-<runId>} (and {@code
 * tk-drill-<runId>-<attempt>}). Discovery skips them, so a drill instance never gets a policy, a
 * schedule or backups while it lives; the drill deletes it itself.
 */
public final class DrillInstances {

  private static final String PREFIX = "tk-drill-";
  private static final Pattern NAME = Pattern.compile("tk-drill-(\\d+)(?:-(\\d+))?");

  private DrillInstances() {}

  /** The name of attempt {@code attempt} (1-based) of drill run {@code runId}. */
  public static String name(long runId, int attempt) {
    return PREFIX + runId + (attempt > 1 ? "-" + attempt : "");
  }

  /** Whether an instance with this name is a drill's throwaway instance. */
  public static boolean isDrill(String instanceName) {
    return instanceName != null && NAME.matcher(instanceName).matches();
  }

  /** Whether {@code name} is one drill run {@code runId} posts under (any attempt). */
  public static boolean ofRun(long runId, String name) {
    if (name == null) {
      return false;
    }
    var m = NAME.matcher(name);
    return m.matches() && m.group(1).equals(Long.toString(runId));
  }
}
