package dev.trovekeeper.storage;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** Builds the synchronous {@link S3Client} described by {@link StorageConfig.S3}. */
final class S3ClientFactory {

  private S3ClientFactory() {}

  static S3Client create(StorageConfig.S3 config) {
    S3ClientBuilder builder =
        S3Client.builder()
            .httpClient(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(10))
                    .socketTimeout(Duration.ofSeconds(60))
                    .build())
            .region(Region.of(config.region()))
            .credentialsProvider(credentials(config))
            .forcePathStyle(config.pathStyle())
            // Ceph RGW, Swift s3api and older MinIO reject the SDK's default CRC trailers
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            // The JDK's HttpURLConnection mishandles "Expect: 100-continue" when the server closes
            // a kept-alive connection ("Unexpected end of file from server"): send bodies directly.
            .overrideConfiguration(o -> o.addExecutionInterceptor(new NoExpectContinue()));
    config.endpoint().ifPresent(builder::endpointOverride);
    return builder.build();
  }

  private static AwsCredentialsProvider credentials(StorageConfig.S3 config) {
    if (config.accessKeyId().isPresent() && config.secretAccessKey().isPresent()) {
      return StaticCredentialsProvider.create(
          AwsBasicCredentials.create(
              config.accessKeyId().get(), config.secretAccessKey().get().reveal()));
    }
    return DefaultCredentialsProvider.builder().build();
  }

  /** Removes the {@code Expect: 100-continue} header the SDK adds to uploads. */
  private static final class NoExpectContinue
      implements software.amazon.awssdk.core.interceptor.ExecutionInterceptor {

    @Override
    public software.amazon.awssdk.http.SdkHttpRequest modifyHttpRequest(
        software.amazon.awssdk.core.interceptor.Context.ModifyHttpRequest context,
        software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
      return context.httpRequest().toBuilder().removeHeader("Expect").build();
    }
  }
}
