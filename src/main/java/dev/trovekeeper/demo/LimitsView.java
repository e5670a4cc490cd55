package dev.trovekeeper.demo;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code GET /limits}: Trove's absolute limits followed by one rate limit per verb. */
final class LimitsView {

  private final DemoRegionSettings settings;
  private final RegionState state;
  private final RateLimiter rateLimiter;
  private final Clock clock;

  LimitsView(DemoRegionSettings settings, RegionState state, RateLimiter rateLimiter, Clock clock) {
    this.settings = settings;
    this.state = state;
    this.rateLimiter = rateLimiter;
    this.clock = clock;
  }

  Map<String, Object> body(String projectId) {
    var limits = new ArrayList<Object>();
    limits.add(
        Json.obj(
            "verb",
            "ABSOLUTE",
            "max_instances",
            settings.instanceQuota(),
            "max_backups",
            state.backupQuota(projectId, settings.backupQuota()),
            "max_volumes",
            20));
    for (var verb : List.of("POST", "PUT", "DELETE", "GET")) {
      var rate = Json.obj("verb", verb, "value", settings.rateLimitPerMinute());
      rate.put("remaining", rateLimiter.remaining(projectId, verb));
      rate.put("unit", "MINUTE");
      rate.put("nextAvailable", WireTime.payload(clock.instant()));
      rate.put("regex", ".*");
      rate.put("uri", "*");
      limits.add(rate);
    }
    return Json.obj("limits", limits);
  }
}
