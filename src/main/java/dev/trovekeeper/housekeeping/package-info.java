/**
 * Housekeeping: prunes history past its retention period (runs, processed notifications, audit log,
 * deletion confirmations) through each owning feature's service, one replica at a time.
 */
package dev.trovekeeper.housekeeping;
