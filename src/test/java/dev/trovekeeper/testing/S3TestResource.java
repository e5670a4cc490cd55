package dev.trovekeeper.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts s3proxy (see {@link S3ProxyServer}) and points {@code keeper.storage} at it: {@code
 * keeper.storage.kind=s3} plus endpoint, region, bucket, credentials, path style and bucket
 * creation.
 */
public class S3TestResource implements QuarkusTestResourceLifecycleManager {

  private S3ProxyServer server;

  @Override
  public Map<String, String> start() {
    server = S3ProxyServer.start();
    return server.config();
  }

  @Override
  public void stop() {
    if (server != null) {
      server.close();
      server = null;
    }
  }
}
