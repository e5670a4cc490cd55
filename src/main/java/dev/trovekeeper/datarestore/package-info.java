/**
 * Restores of tenant data: a dataset backup written back into the dataset's live source (selected
 * entities or objects), after a safety backup, with an error log per refused object; estimates.
 */
package dev.trovekeeper.datarestore;
