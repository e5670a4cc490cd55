package dev.trovekeeper.inventory;

/** What the inventory did with one notification. */
public enum NotificationOutcome {
  HANDLED,
  IGNORED,
  DUPLICATE
}
