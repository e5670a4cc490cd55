package dev.trovekeeper.console;

import io.quarkus.qute.TemplateExtension;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How console pages show times, ages and sizes. */
@TemplateExtension(namespace = "fmt")
final class ConsoleFormats {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private ConsoleFormats() {}

  /** An instant as a readable UTC time, or a dash. */
  static String time(Instant instant) {
    return instant == null ? "–" : TIME.format(instant);
  }

  /** A run's percent as the bar shows it: 100 once it succeeded. */
  static int percent(dev.trovekeeper.run.RunResponse run) {
    return run.state() == dev.trovekeeper.run.RunState.SUCCEEDED ? 100 : run.percent();
  }

  /** Whether a run reached its final state (no more progress follows). */
  static boolean finished(dev.trovekeeper.run.RunResponse run) {
    return RunEvents.finished(run);
  }

  /** A run's operation by name, for templates to compare. */
  static String operation(dev.trovekeeper.run.RunResponse run) {
    return run.operation() == null ? "" : run.operation().name();
  }

  /** An age in seconds as "3 h 5 min", or a dash. */
  static String age(Long seconds) {
    if (seconds == null) {
      return "–";
    }
    long s = Math.max(0, seconds);
    if (s < 60) {
      return s + " s";
    }
    if (s < 3600) {
      return (s / 60) + " min";
    }
    if (s < 86_400) {
      return (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }
    return (s / 86_400) + " d " + (s % 86_400 / 3600) + " h";
  }

  /** A size in bytes as KB / MB / GB, or a dash. */
  static String size(Long bytes) {
    if (bytes == null) {
      return "–";
    }
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KB", "MB", "GB", "TB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(java.util.Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
