package dev.trovekeeper.operator;

import dev.trovekeeper.protection.Protection;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The fleet's protection: every live instance and the count per category (all categories listed,
 * zeros included).
 */
public record CoverageReport(
    Instant generatedAt,
    boolean fleetPaused,
    Map<Protection, Long> totals,
    List<CoverageRow> instances) {}
