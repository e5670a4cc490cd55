/**
 * Tenant-data archives: streamed, compressed JSON Lines parts with a manifest written last, their
 * reader, verifier and cleanup, and content-addressed media shared by a project's backups.
 */
package dev.trovekeeper.archive;
