/**
 * Runs and their state machine (PENDING, REQUESTED, RUNNING, then SUCCEEDED, FAILED or SKIPPED),
 * the artifacts (backups) they produce, concurrency limits, the project pause state and retries.
 */
package dev.trovekeeper.run;
