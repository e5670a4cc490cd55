package dev.trovekeeper.run;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How long a project's Trove backups took lately, in this replica (a moving average, kept in
 * memory): the expected duration of a backup whose own instance has no history yet, so its first
 * status poll is made when it is likely done rather than on a fixed rhythm. A hint only: lost on
 * restart, and the instance's own history wins once there is one.
 */
@ApplicationScoped
class BackupDurations {

  private static final int MAX_PROJECTS = 10_000;

  private final Map<String, Duration> byProject = new ConcurrentHashMap<>();

  /** A backup of {@code projectId} took {@code took} from its start to its end. */
  void record(String projectId, Duration took) {
    if (projectId == null || took == null || took.isNegative()) {
      return;
    }
    if (byProject.size() >= MAX_PROJECTS && !byProject.containsKey(projectId)) {
      byProject.clear(); // bounded memory; the averages refill from the next backups
    }
    byProject.merge(projectId, took, (old, now) -> old.multipliedBy(3).plus(now).dividedBy(4));
  }

  /** The project's recent typical backup duration, if any backup of it ended here lately. */
  java.util.Optional<Duration> typical(String projectId) {
    return java.util.Optional.ofNullable(byProject.get(projectId));
  }
}
