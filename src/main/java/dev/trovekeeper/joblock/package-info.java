/**
 * "One replica at a time" for periodic jobs: a lease row per job in {@code job_locks}, held by one
 * replica until it releases it or its expiry passes. Plumbing; knows no feature.
 */
package dev.trovekeeper.joblock;
