package dev.trovekeeper.policy;

/** Where a policy applies; the narrowest one present wins. */
public enum PolicyScope {
  GLOBAL,
  PROJECT,
  TARGET
}
