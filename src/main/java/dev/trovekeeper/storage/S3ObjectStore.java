package dev.trovekeeper.storage;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Objects in one S3 bucket (AWS, Ceph RGW, MinIO, Swift s3api). Objects up to the part size are
 * sent in one PUT streamed from the caller; larger or unknown-length ones as a multipart upload
 * holding one part in memory. Build one from configuration with {@link #fromConfig}.
 */
public class S3ObjectStore implements ObjectStore {

  private final S3Client s3;
  private final String bucket;
  private final String location;
  private final BucketCheck bucketCheck;
  private final int partSize;
  private final int listPageSize;

  /**
   * @param s3 the client, closed with this store
   * @param bucket the bucket holding the objects
   * @param createBucket whether to create the bucket when it is missing
   * @param partSize multipart part size in bytes (at least 5 MiB, the S3 minimum)
   * @param listPageSize keys per listing request (1 to 1000)
   */
  public S3ObjectStore(
      S3Client s3, String bucket, boolean createBucket, int partSize, int listPageSize) {
    this.s3 = s3;
    this.bucket = bucket;
    this.location = "s3://" + bucket;
    this.bucketCheck = new BucketCheck(s3, bucket, createBucket, location);
    this.partSize = partSize;
    this.listPageSize = listPageSize;
  }

  /** Builds the client and the store from the {@code keeper.storage.s3} settings. */
  public static S3ObjectStore fromConfig(StorageConfig.S3 config) {
    return new S3ObjectStore(
        S3ClientFactory.create(config),
        config.bucket(),
        config.createBucket(),
        config.partSize(),
        config.listPageSize());
  }

  /** Bodies up to this size are buffered so the SDK can resend them (its mark limit, 128 KiB). */
  static final long REWINDABLE = 128 * 1024;

  @Override
  public void put(ObjectKey key, InputStream content, long length, String contentType) {
    bucketCheck.ensureOnce(key);
    try {
      if (length != UNKNOWN_LENGTH && length <= partSize) {
        // The SDK resends a body after a failed attempt (a pooled connection the server closed)
        // by rewinding the stream: small bodies are made rewindable in memory.
        InputStream body =
            length <= REWINDABLE && !content.markSupported()
                ? new java.io.BufferedInputStream(content, (int) length + 1)
                : content;
        s3.putObject(
            b -> b.bucket(bucket).key(key.value()).contentType(contentType),
            RequestBody.fromInputStream(body, length));
      } else {
        new MultipartUpload(s3, bucket, key, partSize).upload(content, length, contentType);
      }
    } catch (SdkException e) {
      throw S3Failures.translate("put", e, location, key);
    } catch (IOException e) {
      throw new StorageException("reading the content failed", false, location, key, e);
    } catch (IllegalStateException e) {
      // a larger body the SDK could not rewind to resend: the caller may open it again
      throw new StorageException("put failed and was not resent", true, location, key, e);
    }
  }

  @Override
  public InputStream get(ObjectKey key) {
    try {
      return s3.getObject(b -> b.bucket(bucket).key(key.value()));
    } catch (SdkException e) {
      throw S3Failures.translate("get", e, location, key);
    }
  }

  @Override
  public Optional<ObjectInfo> stat(ObjectKey key) {
    try {
      HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(key.value()));
      return Optional.of(new ObjectInfo(key, head.contentLength(), head.lastModified()));
    } catch (SdkException e) {
      if (S3Failures.isNotFound(e)) {
        return Optional.empty();
      }
      throw S3Failures.translate("stat", e, location, key);
    }
  }

  @Override
  public void delete(ObjectKey key) {
    try {
      s3.deleteObject(b -> b.bucket(bucket).key(key.value()));
    } catch (SdkException e) {
      if (!S3Failures.isNotFound(e)) {
        throw S3Failures.translate("delete", e, location, key);
      }
    }
  }

  @Override
  public Stream<ObjectInfo> list(String prefix) {
    ObjectKey.checkPrefix(prefix);
    Iterator<S3Object> pages =
        s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix).maxKeys(listPageSize))
            .contents()
            .iterator();
    Iterator<S3Object> translated =
        new Iterator<>() {
          @Override
          public boolean hasNext() {
            try {
              return pages.hasNext();
            } catch (SdkException e) {
              throw S3Failures.translate("list", e, location, null);
            }
          }

          @Override
          public S3Object next() {
            return pages.next();
          }
        };
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(translated, Spliterator.ORDERED), false)
        .filter(o -> ObjectKey.isValid(o.key()))
        .map(o -> new ObjectInfo(ObjectKey.of(o.key()), o.size(), o.lastModified()));
  }

  @Override
  public void checkReachable() {
    bucketCheck.ensure();
  }

  @Override
  public String kind() {
    return "s3";
  }

  @Override
  public String location() {
    return location;
  }

  @Override
  public void close() {
    s3.close();
  }
}
