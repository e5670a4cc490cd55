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
   * Which adapter to use ({@code KEEPER_STORAGE_KIND}): {@code filesystem} (default), {@code s3} or
   * {@code swift}.
   */
  @WithDefault("filesystem")
  Kind kind();

  /** Settings of the filesystem adapter. */
  Filesystem filesystem();

  /** Settings of the S3 adapter. */
  S3 s3();

  /** Settings of the OpenStack Swift adapter. */
  Swift swift();

  /** The available adapters. */
  enum Kind {
    FILESYSTEM,
    S3,
    SWIFT
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

  /** OpenStack Swift adapter settings. */
  interface Swift {

    /**
     * How to get a token and the storage URL ({@code KEEPER_STORAGE_SWIFT_AUTH}): {@code keystone}
     * (default) uses the service's Keystone session (the {@code OS_*} settings) and the {@code
     * object-store} endpoint of its catalog; {@code tempauth} uses Swift's own v1.0 auth.
     */
    @WithDefault("keystone")
    SwiftAuthKind auth();

    /** Container holding the objects ({@code KEEPER_STORAGE_SWIFT_CONTAINER}). */
    @WithDefault("trove-keeper")
    String container();

    /**
     * Container holding the segments of large objects ({@code
     * KEEPER_STORAGE_SWIFT_SEGMENT_CONTAINER}); empty means the container's name plus {@code
     * _segments}.
     */
    Optional<String> segmentContainer();

    /** Create the containers when missing ({@code KEEPER_STORAGE_SWIFT_CREATE_CONTAINER}). */
    @WithDefault("true")
    boolean createContainer();

    /**
     * Objects larger than this many bytes are stored as static large objects of segments this size
     * ({@code KEEPER_STORAGE_SWIFT_SEGMENT_SIZE}); at most 5 GiB, Swift's largest object. Segments
     * are streamed, not held in memory.
     */
    @WithDefault("104857600")
    long segmentSize();

    /** Names fetched per listing request ({@code KEEPER_STORAGE_SWIFT_LIST_PAGE_SIZE}). */
    @WithDefault("1000")
    int listPageSize();

    /**
     * Connect timeout, and the wait for an answer to a request without a large body ({@code
     * KEEPER_STORAGE_SWIFT_TIMEOUT}); uploads get one more second per MB sent.
     */
    @WithDefault("30s")
    java.time.Duration timeout();

    /** Tempauth settings, used when {@code auth} is {@code tempauth}. */
    Tempauth tempauth();
  }

  /** How the Swift adapter authenticates. */
  enum SwiftAuthKind {
    /** The service's Keystone session and its catalog's {@code object-store} endpoint. */
    KEYSTONE,
    /** Swift's tempauth v1.0 (test and small installations). */
    TEMPAUTH
  }

  /** Swift tempauth v1.0 settings. */
  interface Tempauth {

    /**
     * Auth URL, e.g. {@code http://swift.example.org:8080/auth/v1.0} ({@code
     * KEEPER_STORAGE_SWIFT_TEMPAUTH_URL}).
     */
    Optional<URI> url();

    /** User as {@code account:user} ({@code KEEPER_STORAGE_SWIFT_TEMPAUTH_USER}). */
    Optional<String> user();

    /** The user's key ({@code KEEPER_STORAGE_SWIFT_TEMPAUTH_KEY}, never logged). */
    Optional<Secret> key();
  }
}
