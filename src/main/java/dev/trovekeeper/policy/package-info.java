/**
 * Backup policies at global, project and target scope (with their validated retention rule),
 * operator tiers that bound them, and the resolution of the effective policy of a target at fire
 * time.
 */
package dev.trovekeeper.policy;
