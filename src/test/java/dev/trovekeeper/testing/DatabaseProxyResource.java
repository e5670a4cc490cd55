package dev.trovekeeper.testing;

import dev.trovekeeper.boot.EmbeddedDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.net.URI;
import java.util.Map;

/**
 * Puts a {@link TcpProxy} between the application and the shared test MariaDB, so a test can stop
 * "the database" for a while ({@link #proxy()}{@code .cut()}) without stopping the server the other
 * test classes share. For a test profile's {@code testResources()}: it starts after {@link
 * TestInfrastructure} and its datasource URL replaces that one.
 */
public class DatabaseProxyResource implements QuarkusTestResourceLifecycleManager {

  private static volatile TcpProxy proxy;

  /** The proxy the running application's datasource goes through. */
  public static TcpProxy proxy() {
    TcpProxy current = proxy;
    if (current == null) {
      throw new IllegalStateException("no database proxy: use a profile with this resource");
    }
    return current;
  }

  @Override
  public Map<String, String> start() {
    var database = MariaDbTestResource.database();
    URI direct = URI.create(database.jdbcUrl().substring("jdbc:".length()));
    proxy = TcpProxy.start(direct.getHost(), direct.getPort());
    return Map.of(
        "quarkus.datasource.jdbc.url",
        "jdbc:mariadb://127.0.0.1:" + proxy.port() + direct.getPath(),
        "quarkus.datasource.username",
        EmbeddedDatabase.USER);
  }

  @Override
  public void stop() {
    if (proxy != null) {
      proxy.close();
      proxy = null;
    }
  }

  /** After the global resources, so this datasource URL is the one that counts. */
  @Override
  public int order() {
    return Integer.MAX_VALUE;
  }
}
