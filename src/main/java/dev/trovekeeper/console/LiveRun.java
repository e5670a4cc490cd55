package dev.trovekeeper.console;

import dev.trovekeeper.run.RunResponse;
import java.util.List;

/**
 * What the shared live-run card ({@code templates/tags/liveRun.html}) shows: the run's progress
 * bar, streamed while the run is not finished, and the parts of the page (element ids) fetched
 * again from {@code page} once it finishes, so the page updates without a reload.
 *
 * @param run the run followed
 * @param title the card's heading
 * @param page the page the refreshed parts are read from (this page's own URL)
 * @param refresh the ids of the elements replaced when the run finishes
 */
public record LiveRun(RunResponse run, String title, String page, List<String> refresh) {

  /** The card of {@code run}, or null (no card) when there is no run to follow. */
  static LiveRun of(RunResponse run, String title, String page, String... refresh) {
    return run == null ? null : new LiveRun(run, title, page, List.of(refresh));
  }

  /** Whether progress still follows: the card connects to the run's event stream. */
  public boolean streaming() {
    return !RunEvents.finished(run);
  }
}
