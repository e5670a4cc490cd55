/**
 * The operator half of the API (admin role): tiers and project settings, fleet and project pause,
 * the coverage report, the run queue, the audit log and the global default policy.
 */
package dev.trovekeeper.operator;
