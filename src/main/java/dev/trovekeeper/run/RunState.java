package dev.trovekeeper.run;

/** The states of a run; the last three are final. */
public enum RunState {
  PENDING,
  REQUESTED,
  RUNNING,
  SUCCEEDED,
  FAILED,
  SKIPPED
}
