/**
 * Diffs of tenant data: a dataset backup against the live source or another backup, per object
 * (ADDED, CHANGED with an RFC 6902 JSON Patch, REMOVED), computed by sorting both sides on disk and
 * merging them by id (bounded memory, ADR 0150), run by the run engine and stored for paging.
 */
package dev.trovekeeper.diff;
