package dev.trovekeeper.dataset;

import dev.trovekeeper.ratelimit.RateLimit;
import java.util.Map;

/**
 * What a dataset's source allows, for estimates: its kind, its shared rate limit (null for SQL,
 * which has none) and the page size of each REST entity.
 *
 * @param kind the source kind
 * @param rateLimit requests per window, shared by every replica; null without a limit
 * @param pageSizes records per page by entity (REST); empty for SQL
 */
public record SourceLimits(SourceKind kind, RateLimit rateLimit, Map<String, Integer> pageSizes) {

  public SourceLimits {
    pageSizes = Map.copyOf(pageSizes);
  }
}
