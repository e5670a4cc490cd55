/**
 * A REST API as a tenant-data source, configured (not coded): auth, entities with their paths,
 * items, ids, media and references, paging and totals, read in parallel under the shared limit.
 */
package dev.trovekeeper.source.rest;
