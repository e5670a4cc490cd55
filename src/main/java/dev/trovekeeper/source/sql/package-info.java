/**
 * One tenant's rows of a shared-schema multi-tenant MySQL/MariaDB as a tenant-data source: tables
 * validated against the metadata, read in foreign-key order (cycles reported), streamed row by row.
 */
package dev.trovekeeper.source.sql;
