package dev.trovekeeper.storage;

import java.io.IOException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** Classifies AWS SDK failures as transient or permanent {@link StorageException}s. */
final class S3Failures {

  private S3Failures() {}

  static StorageException translate(
      String action, SdkException error, String location, ObjectKey key) {
    if (error instanceof NoSuchKeyException || isNotFound(error) && key != null) {
      return new ObjectNotFoundException(location, key, error);
    }
    return new StorageException(
        action + " failed: " + error.getMessage(), isTransient(error), location, key, error);
  }

  static boolean isNotFound(SdkException error) {
    return error instanceof AwsServiceException service && service.statusCode() == 404;
  }

  private static boolean isTransient(SdkException error) {
    if (error instanceof AwsServiceException service) {
      int status = service.statusCode();
      return status >= 500 || status == 408 || status == 429 || service.isThrottlingException();
    }
    // client side: network errors and timeouts are worth a retry, bad requests are not
    return error.retryable() || error.getCause() instanceof IOException;
  }
}
