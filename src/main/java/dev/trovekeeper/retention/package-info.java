/**
 * Retention: the pure decision of which backups of one target to keep and which to delete, by
 * count, age and calendar (GFS) rules, respecting incremental chains and the newest good backup.
 */
package dev.trovekeeper.retention;
