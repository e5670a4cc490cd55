package dev.trovekeeper.storage;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;

/** Checks that the bucket exists, creating it when configured to. */
final class BucketCheck {

  private final S3Client s3;
  private final String bucket;
  private final boolean create;
  private final String location;
  private volatile boolean ready;

  BucketCheck(S3Client s3, String bucket, boolean create, String location) {
    this.s3 = s3;
    this.bucket = bucket;
    this.create = create;
    this.location = location;
  }

  /**
   * Like {@link #ensure()}, but only until it has succeeded once; failures name {@code key}, the
   * object about to be written.
   */
  void ensureOnce(ObjectKey key) {
    if (!ready) {
      ensure(key);
    }
  }

  /** Checks the bucket now; throws {@link StorageException} when it is missing or unreachable. */
  void ensure() {
    ensure(null);
  }

  private void ensure(ObjectKey key) {
    try {
      s3.headBucket(b -> b.bucket(bucket));
    } catch (SdkException e) {
      if (!S3Failures.isNotFound(e)) {
        throw S3Failures.translate("bucket check", e, location, key);
      }
      if (!create) {
        throw new StorageException("bucket does not exist", false, location, key, e);
      }
      createBucket(key);
    }
    ready = true;
  }

  private void createBucket(ObjectKey key) {
    try {
      Region region = s3.serviceClientConfiguration().region();
      if (region == null || Region.US_EAST_1.equals(region)) {
        s3.createBucket(b -> b.bucket(bucket));
      } else {
        // outside us-east-1 AWS requires the region to be repeated as the location constraint
        s3.createBucket(
            b ->
                b.bucket(bucket).createBucketConfiguration(c -> c.locationConstraint(region.id())));
      }
    } catch (BucketAlreadyOwnedByYouException e) {
      // another replica created it first
    } catch (SdkException e) {
      throw S3Failures.translate("bucket creation", e, location, key);
    }
  }
}
