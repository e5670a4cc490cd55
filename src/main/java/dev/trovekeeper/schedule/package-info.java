/**
 * One persistent schedule per target, claimed from the database by whichever replica is free, and
 * the pure next-fire-time and missed-run decisions.
 */
package dev.trovekeeper.schedule;
