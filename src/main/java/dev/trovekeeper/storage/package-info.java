/**
 * Object storage for tenant-data archives and media: the {@link ObjectStore} port, validated {@link
 * ObjectKey}s, and its adapters (local filesystem, S3, OpenStack Swift) selected by {@link
 * StorageConfig}.
 */
package dev.trovekeeper.storage;
