/**
 * Housekeeping: prunes history past its retention period (runs, processed notifications, audit log,
 * deletion confirmations) and keeps the object store clean (media garbage collection, archives
 * without manifest), one replica at a time per job.
 */
package dev.trovekeeper.housekeeping;
