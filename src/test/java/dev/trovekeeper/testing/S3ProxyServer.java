package dev.trovekeeper.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * s3proxy 4.x (a real S3 API server) in a child JVM on a random loopback port, storing objects in a
 * temporary directory. The jar comes from the system property {@value #JAR_PROPERTY}, which
 * surefire sets to the copy the build makes in {@code target/test-tools}.
 */
public final class S3ProxyServer implements AutoCloseable {

  public static final String JAR_PROPERTY = "keeper.test.s3proxy-jar";
  public static final String ACCESS_KEY = "keeper-test";
  public static final String SECRET_KEY = "keeper-test-secret";
  public static final String BUCKET = "trove-keeper-test";

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final URI endpoint;
  private final Path workDir;
  private final Thread killOnExit;

  private S3ProxyServer(Process process, URI endpoint, Path workDir) {
    this.process = process;
    this.endpoint = endpoint;
    this.workDir = workDir;
    this.killOnExit = new Thread(process::destroyForcibly, "s3proxy-kill");
    Runtime.getRuntime().addShutdownHook(killOnExit);
  }

  /** Starts the server and returns once it answers HTTP requests. */
  public static S3ProxyServer start() {
    Path jar = Paths.get(System.getProperty(JAR_PROPERTY, "target/test-tools/s3proxy.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar + " is missing: run the build's generate-test-resources phase (mvn test-compile)");
    }
    try {
      Path workDir = ScratchDirs.create("s3proxy-");
      Path data = Files.createDirectory(workDir.resolve("data"));
      URI endpoint = URI.create("http://127.0.0.1:" + FreePort.find());
      Path properties = workDir.resolve("s3proxy.properties");
      Files.writeString(properties, properties(endpoint, data));
      Process process =
          new ProcessBuilder(
                  Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx256m",
                  "-jar",
                  jar.toAbsolutePath().toString(),
                  "--properties",
                  properties.toString())
              .redirectErrorStream(true)
              .redirectOutput(workDir.resolve("s3proxy.log").toFile())
              .start();
      S3ProxyServer server = new S3ProxyServer(process, endpoint, workDir);
      server.awaitReady();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start s3proxy", e);
    }
  }

  private static String properties(URI endpoint, Path data) {
    return String.join(
        "\n",
        "s3proxy.endpoint=" + endpoint,
        "s3proxy.authorization=aws-v2-or-v4",
        "s3proxy.identity=" + ACCESS_KEY,
        "s3proxy.credential=" + SECRET_KEY,
        "jclouds.provider=filesystem",
        "jclouds.identity=" + ACCESS_KEY,
        "jclouds.credential=" + SECRET_KEY,
        "jclouds.filesystem.basedir=" + data,
        "");
  }

  private void awaitReady() throws IOException {
    Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        close();
        throw new IllegalStateException("s3proxy exited: " + process.exitValue());
      }
      try {
        HttpURLConnection connection = (HttpURLConnection) endpoint.toURL().openConnection();
        connection.setConnectTimeout(500);
        connection.getResponseCode(); // any answer, even 403, means it serves requests
        connection.disconnect();
        return;
      } catch (IOException notYet) {
        sleep();
      }
    }
    close();
    throw new IllegalStateException("s3proxy did not answer within " + STARTUP_TIMEOUT);
  }

  private static void sleep() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for s3proxy", e);
    }
  }

  /** The server's base URL, {@code http://127.0.0.1:<port>}. */
  public URI endpoint() {
    return endpoint;
  }

  /** Config overrides pointing {@code keeper.storage} at this server. */
  public Map<String, String> config() {
    return Map.of(
        "keeper.storage.kind",
        "s3",
        "keeper.storage.s3.endpoint",
        endpoint.toString(),
        "keeper.storage.s3.region",
        "us-east-1",
        "keeper.storage.s3.bucket",
        BUCKET,
        "keeper.storage.s3.access-key-id",
        ACCESS_KEY,
        "keeper.storage.s3.secret-access-key",
        SECRET_KEY,
        "keeper.storage.s3.path-style",
        "true",
        "keeper.storage.s3.create-bucket",
        "true");
  }

  /** Stops the child JVM and deletes its data. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
      }
      Runtime.getRuntime().removeShutdownHook(killOnExit);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } catch (IllegalStateException shuttingDown) {
      // the JVM is already exiting: the hook runs anyway
    }
    ScratchDirs.delete(workDir);
  }
}
