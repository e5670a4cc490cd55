package dev.trovekeeper.operator;

import dev.trovekeeper.inventory.TargetKind;
import dev.trovekeeper.protection.Protection;
import dev.trovekeeper.protection.ProtectionFacts;
import dev.trovekeeper.protection.ProtectionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The coverage report: every live target (Trove instance or dataset) with its protection, read in
 * one query and decided as the tenant API and the metrics decide it ({@link
 * ProtectionFacts#protection}).
 */
@ApplicationScoped
public class CoverageService {

  private final ProtectionRepository protection;
  private final PauseService pauses;
  private final Clock clock;

  CoverageService(ProtectionRepository protection, PauseService pauses, Clock clock) {
    this.protection = protection;
    this.pauses = pauses;
    this.clock = clock;
  }

  /**
   * Every live target (of one project, if given) with its protection, and totals: over all, and per
   * kind.
   */
  @Transactional
  public CoverageReport report(String projectIdOrNull) {
    Instant now = clock.instant();
    List<CoverageRow> targets =
        protection.liveTargets(projectIdOrNull).stream()
            .map(
                f ->
                    new CoverageRow(
                        f.projectId(),
                        f.kind(),
                        f.externalId(),
                        f.name(),
                        f.status(),
                        f.protection(now),
                        f.lastSuccessAt(),
                        f.lastRunState(),
                        f.lastRunReasonCode(),
                        f.lastRunReason()))
            .toList();
    Map<String, Map<Protection, Long>> byKind = new TreeMap<>();
    for (TargetKind kind : TargetKind.values()) {
      byKind.put(kind.name(), totals(targets.stream().filter(r -> r.kind().equals(kind.name()))));
    }
    return new CoverageReport(
        now, pauses.fleet().paused(), totals(targets.stream()), byKind, targets);
  }

  /** The count per category, every category listed (zeros included). */
  private static Map<Protection, Long> totals(Stream<CoverageRow> rows) {
    Map<Protection, Long> totals = new EnumMap<>(Protection.class);
    for (Protection p : Protection.values()) {
      totals.put(p, 0L);
    }
    rows.forEach(row -> totals.merge(row.protection(), 1L, Long::sum));
    return totals;
  }
}
