package dev.trovekeeper.run;

/** The states of a run; the last four are final (CANCELLED: by a tenant before it started). */
public enum RunState {
  PENDING,
  REQUESTED,
  RUNNING,
  SUCCEEDED,
  FAILED,
  SKIPPED,
  CANCELLED
}
