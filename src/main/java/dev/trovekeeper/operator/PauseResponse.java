package dev.trovekeeper.operator;

import java.time.Instant;

/**
 * The fleet-wide pause switch.
 *
 * @param pausedBy user id of the operator who paused (null when not paused)
 * @param pausedAt when (null when not paused)
 */
public record PauseResponse(boolean paused, String pausedBy, Instant pausedAt) {

  static PauseResponse of(FleetControl control) {
    return new PauseResponse(control.paused, control.pausedBy, control.pausedAt);
  }
}
