package dev.trovekeeper.demo;

import java.util.ArrayList;
import java.util.Map;

/** {@code GET /limits}: Trove's absolute limits followed by one entry per rate limit. */
final class LimitsView {

  private final DemoRegionSettings settings;
  private final RegionState state;
  private final RateLimiter rateLimiter;

  LimitsView(DemoRegionSettings settings, RegionState state, RateLimiter rateLimiter) {
    this.settings = settings;
    this.state = state;
    this.rateLimiter = rateLimiter;
  }

  Map<String, Object> body(String projectId) {
    var limits = new ArrayList<Object>();
    var absolute = Json.obj("verb", "ABSOLUTE", "max_instances", settings.instanceQuota());
    absolute.put("max_ram", -1);
    absolute.put("max_backups", state.backupQuota(projectId, settings.backupQuota()));
    absolute.put("max_volumes", settings.volumeQuota());
    limits.add(absolute);
    for (var view : rateLimiter.views(projectId)) {
      var rate = Json.obj("nextAvailable", WireTime.payload(view.nextAvailable()));
      rate.put("remaining", view.remaining());
      rate.put("unit", "MINUTE");
      rate.put("value", view.limit().value());
      rate.put("verb", view.limit().verb());
      rate.put("uri", view.limit().uri());
      rate.put("regex", view.limit().regex());
      limits.add(rate);
    }
    return Json.obj("limits", limits);
  }
}
