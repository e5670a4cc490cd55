package dev.trovekeeper.storage;

import dev.trovekeeper.config.Secret;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where objects are stored. Every property can be set from the environment by upper-casing it and
 * replacing dots and dashes with underscores, for example {@code KEEPER_STORAGE_KIND}, {@code
 * KEEPER_STORAGE_FILESYSTEM_ROOT}, {@code KEEPER_STORAGE_S3_ENDPOINT}, {@code
 * KEEPER_STORAGE_S3_REGION}, {@code KEEPER_STORAGE_S3_BUCKET}, {@code
 * KEEPER_STORAGE_S3_ACCESS_KEY_ID}, {@code KEEPER_STORAGE_S3_SECRET_ACCESS_KEY}, {@code
 * KEEPER_STORAGE_S3_PATH_STYLE}, {@code KEEPER_STORAGE_S3_CREATE_BUCKET}.
 */
@ConfigMapping(prefix = "keeper.storage")
public interface StorageConfig {

  /**
   * Which adapter to use ({@code KEEPER_STORAGE_KIND}): {@code filesystem} (default) or {@code s3}.
   */
  @WithDefault("filesystem")
  Kind kind();

  /** Settings of the filesystem adapter. */
  Filesystem filesystem();

  /** Settings of the S3 adapter. */
  S3 s3();

  /** The available adapters. */
  enum Kind {
    FILESYSTEM,
    S3
  }

  /** Filesystem adapter settings. */
  interface Filesystem {

    /**
     * Directory holding the objects ({@code KEEPER_STORAGE_FILESYSTEM_ROOT}); created if missing.
     */
    @WithDefault("./data/objects")
    Path root();
  }

  /** S3 adapter settings (AWS S3, Ceph RGW, MinIO, Swift s3api). */
  interface S3 {

    /**
     * Endpoint of a non-AWS S3 service, e.g. {@code https://rgw.example.org:8080} ({@code
     * KEEPER_STORAGE_S3_ENDPOINT}); empty means AWS for the region.
     */
    Optional<URI> endpoint();

    /** Signing region ({@code KEEPER_STORAGE_S3_REGION}). */
    @WithDefault("us-east-1")
    String region();

    /** Bucket holding the objects, 3 to 63 characters ({@code KEEPER_STORAGE_S3_BUCKET}). */
    @WithDefault("trove-keeper")
    String bucket();

    /**
     * Access key id ({@code KEEPER_STORAGE_S3_ACCESS_KEY_ID}); empty means the AWS SDK's default
     * credentials chain (environment, profile, instance role).
     */
    Optional<String> accessKeyId();

    /** Secret access key ({@code KEEPER_STORAGE_S3_SECRET_ACCESS_KEY}), used with the key id. */
    Optional<Secret> secretAccessKey();

    /** Path-style URLs ({@code KEEPER_STORAGE_S3_PATH_STYLE}), needed by most non-AWS services. */
    @WithDefault("true")
    boolean pathStyle();

    /** Create the bucket when missing ({@code KEEPER_STORAGE_S3_CREATE_BUCKET}). */
    @WithDefault("true")
    boolean createBucket();

    /**
     * Size in bytes of multipart upload parts ({@code KEEPER_STORAGE_S3_PART_SIZE}); also the
     * largest object sent in one request. At least 5 MiB. Each upload in progress holds one part in
     * memory.
     */
    @WithDefault("8388608")
    int partSize();

    /**
     * Keys fetched per listing request ({@code KEEPER_STORAGE_S3_LIST_PAGE_SIZE}), at most 1000.
     */
    @WithDefault("1000")
    int listPageSize();
  }
}
