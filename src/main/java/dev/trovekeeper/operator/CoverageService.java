package dev.trovekeeper.operator;

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

/**
 * The coverage report: every live instance with its protection, read in one query and decided as
 * the tenant API and the metrics decide it ({@link ProtectionFacts#protection}).
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

  /** Every live Trove instance (of one project, if given) with its protection, and totals. */
  @Transactional
  public CoverageReport report(String projectIdOrNull) {
    Instant now = clock.instant();
    List<CoverageRow> instances =
        protection.liveInstances(projectIdOrNull).stream()
            .map(
                f ->
                    new CoverageRow(
                        f.projectId(),
                        f.externalId(),
                        f.name(),
                        f.status(),
                        f.protection(now),
                        f.lastSuccessAt(),
                        f.lastRunState(),
                        f.lastRunReasonCode(),
                        f.lastRunReason()))
            .toList();
    Map<Protection, Long> totals = new EnumMap<>(Protection.class);
    for (Protection p : Protection.values()) {
      totals.put(p, 0L);
    }
    instances.forEach(row -> totals.merge(row.protection(), 1L, Long::sum));
    return new CoverageReport(now, pauses.fleet().paused(), totals, instances);
  }
}
