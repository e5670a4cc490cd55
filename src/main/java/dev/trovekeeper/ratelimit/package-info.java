/**
 * One rate limit per tenant-data source, shared by every replica: a Bucket4j token bucket kept in
 * the shared MariaDB, Retry-After pauses and an adaptive (AIMD) limit for sources that allow less.
 */
package dev.trovekeeper.ratelimit;
