/**
 * Process start-up: the main class, the embedded MariaDB used when no database is configured, and
 * the fail-fast checks that turn bad configuration into one clear log line.
 */
package dev.trovekeeper.boot;
