package dev.trovekeeper.run;

/**
 * The states of a run; the last five are final (CANCELLED: by a tenant; PARTIAL: a restore of
 * tenant data that wrote some objects and logged the others' refusals).
 */
public enum RunState {
  PENDING,
  REQUESTED,
  RUNNING,
  SUCCEEDED,
  FAILED,
  SKIPPED,
  CANCELLED,
  PARTIAL
}
