/**
 * Tenant datasets: application data read from a tenant's REST API or shared SQL tables and backed
 * up by the same policies, schedules and runs as Trove instances (a dataset is a target of kind
 * {@code DATASET}). This package keeps the datasets themselves and their credentials, encrypted at
 * rest.
 */
package dev.trovekeeper.dataset;
