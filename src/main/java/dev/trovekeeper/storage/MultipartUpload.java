package dev.trovekeeper.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Uploads a stream of unknown or large size part by part, holding one part in memory at a time. A
 * stream that fits in the first part is sent as a single PUT instead.
 */
final class MultipartUpload {

  private final S3Client s3;
  private final String bucket;
  private final ObjectKey key;
  private final byte[] buffer;

  MultipartUpload(S3Client s3, String bucket, ObjectKey key, int partSize) {
    this.s3 = s3;
    this.bucket = bucket;
    this.key = key;
    this.buffer = new byte[partSize];
  }

  /**
   * Uploads {@code in}; when {@code expectedLength} is not {@link ObjectStore#UNKNOWN_LENGTH} and
   * the stream has another length, nothing is stored and a permanent failure is thrown.
   */
  void upload(InputStream in, long expectedLength, String contentType) throws IOException {
    int filled = in.readNBytes(buffer, 0, buffer.length);
    if (filled < buffer.length) {
      checkLength(expectedLength, filled);
      s3.putObject(b -> b.bucket(bucket).key(key.value()).contentType(contentType), part(filled));
      return;
    }
    String uploadId =
        s3.createMultipartUpload(b -> b.bucket(bucket).key(key.value()).contentType(contentType))
            .uploadId();
    try {
      List<CompletedPart> parts = new ArrayList<>();
      long total = 0;
      for (int number = 1, n = filled;
          n > 0;
          number++, n = in.readNBytes(buffer, 0, buffer.length)) {
        int partNumber = number;
        String etag =
            s3.uploadPart(
                    b ->
                        b.bucket(bucket).key(key.value()).uploadId(uploadId).partNumber(partNumber),
                    part(n))
                .eTag();
        parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
        total += n;
      }
      checkLength(expectedLength, total);
      s3.completeMultipartUpload(
          b ->
              b.bucket(bucket)
                  .key(key.value())
                  .uploadId(uploadId)
                  .multipartUpload(m -> m.parts(parts)));
    } catch (IOException | RuntimeException e) {
      abortQuietly(uploadId, e);
      throw e;
    }
  }

  private void checkLength(long expected, long actual) {
    if (expected != ObjectStore.UNKNOWN_LENGTH && expected != actual) {
      throw new StorageException(
          "expected " + expected + " bytes but the stream had " + actual, false, bucket, key, null);
    }
  }

  private RequestBody part(int length) {
    return RequestBody.fromInputStream(new ByteArrayInputStream(buffer, 0, length), length);
  }

  private void abortQuietly(String uploadId, Exception cause) {
    try {
      s3.abortMultipartUpload(b -> b.bucket(bucket).key(key.value()).uploadId(uploadId));
    } catch (RuntimeException abortFailure) {
      // the bucket's lifecycle rule for incomplete uploads cleans up what abort could not
      cause.addSuppressed(abortFailure);
    }
  }
}
