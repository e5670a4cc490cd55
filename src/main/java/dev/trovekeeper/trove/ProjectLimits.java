package dev.trovekeeper.trove;

import java.util.Map;

/**
 * A project's limits from Trove's {@code GET limits}; null where Trove does not say.
 *
 * @param maxBackups backup quota ({@code max_backups_per_tenant}, 50 by default)
 * @param requestsPerMinute rate limit per HTTP verb
 * @param remainingThisMinute requests left this minute per HTTP verb
 */
public record ProjectLimits(
    Integer maxBackups,
    Integer maxInstances,
    Integer maxVolumes,
    Map<String, Integer> requestsPerMinute,
    Map<String, Integer> remainingThisMinute) {}
