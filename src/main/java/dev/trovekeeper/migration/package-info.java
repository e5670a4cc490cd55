/**
 * Migration of a shared-schema SQL dataset's backup from one tenant into another tenant of the same
 * database: new ids, foreign keys rewritten through a kept id map, a dry-run plan, as runs.
 */
package dev.trovekeeper.migration;
