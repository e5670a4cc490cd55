package dev.trovekeeper.inventory;

/** How the service first learnt of a target. */
public enum DiscoverySource {
  NOTIFICATION,
  RECONCILE,
  API
}
