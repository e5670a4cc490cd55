package dev.trovekeeper.operator;

import dev.trovekeeper.protection.Protection;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The fleet's protection: every live target (Trove instances and datasets) and the count per
 * category (all categories listed, zeros included), over all and per target kind.
 */
public record CoverageReport(
    Instant generatedAt,
    boolean fleetPaused,
    Map<Protection, Long> totals,
    Map<String, Map<Protection, Long>> totalsByKind,
    List<CoverageRow> targets) {}
