package dev.trovekeeper.policy;

/** Where an effective policy value came from: a policy scope, or the service's built-in default. */
public enum ValueScope {
  TARGET,
  PROJECT,
  GLOBAL,
  DEFAULT
}
