/**
 * What gets backed up: the targets (Trove instances, tenant datasets) the service knows, kept in
 * step with Trove by notifications and a periodic reconcile.
 */
package dev.trovekeeper.inventory;
