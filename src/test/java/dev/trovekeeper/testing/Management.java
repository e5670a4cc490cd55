package dev.trovekeeper.testing;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The management interface of the application under test: health and metrics on their own port (a
 * random one in tests, {@code quarkus.management.test-port=0}), never on the tenant API's port.
 */
public final class Management {

  private Management() {}

  /** Full URL of a management path, e.g. {@code url("/q/metrics")}. */
  public static String url(String path) {
    String root = ConfigProvider.getConfig().getValue("test.management.url", String.class);
    // test.management.url ends with the management root path (/q)
    String base = root.endsWith("/q") ? root.substring(0, root.length() - 2) : root;
    return base + path;
  }
}
