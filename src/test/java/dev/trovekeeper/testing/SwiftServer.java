package dev.trovekeeper.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real OpenStack Swift (Debian's {@code swift-proxy}, {@code swift-account}, {@code
 * swift-container}, {@code swift-object} packages) on loopback: memcached and the four servers on
 * free ports, one device in a temporary directory, rings built here, tempauth with the user {@value
 * #USER} / {@value #KEY}. Started once per JVM ({@link #shared()}) and stopped when the JVM exits.
 * When the packages are missing the start fails and says how to install them ({@code .ci/run}
 * does).
 */
public final class SwiftServer {

  public static final String USER = "test:tester";
  public static final String KEY = "testing";
  public static final String CONTAINER = "trove-keeper-test";

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
  private static final String PACKAGES =
      "swift swift-proxy swift-account swift-container swift-object memcached";
  private static final List<String> SERVERS = List.of("account", "container", "object");
  private static final String PYTHON = "/usr/bin/python3";

  private static SwiftServer shared;

  private final Path dir;
  private final List<Process> processes = new ArrayList<>();
  private final Map<String, Process> byName = new java.util.HashMap<>();
  private final Map<String, List<String>> commands = new java.util.HashMap<>();
  private final int proxyPort;
  private int memcachedPort;
  private Duration startupTime;

  private SwiftServer(Path dir) {
    this.dir = dir;
    this.proxyPort = FreePort.find();
  }

  /** The JVM's Swift, started on first use. */
  public static synchronized SwiftServer shared() {
    if (shared == null) {
      shared = start();
    }
    return shared;
  }

  /** Stops the JVM's Swift if it was started (end of the test session, see {@link TestSession}). */
  static synchronized void stopShared() {
    if (shared != null) {
      shared.stop();
      shared = null;
    }
  }

  private static SwiftServer start() {
    checkInstalled();
    Instant began = Instant.now();
    SwiftServer server = new SwiftServer(ScratchDirs.create("swift-"));
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "swift-stop"));
    try {
      server.launch();
      System.out.printf(
          "OpenStack Swift: rings built and servers spawned after %d ms%n",
          Duration.between(began, Instant.now()).toMillis());
      server.awaitReady();
    } catch (IOException | RuntimeException e) {
      String logs = server.logTails();
      server.stop();
      throw new IllegalStateException("OpenStack Swift did not start: " + e + "\n" + logs, e);
    }
    server.startupTime = Duration.between(began, Instant.now());
    System.out.printf("OpenStack Swift on %s started in %d ms%n", server.authUrl(), millis(server));
    return server;
  }

  private static long millis(SwiftServer server) {
    return server.startupTime.toMillis();
  }

  private static void checkInstalled() {
    List<String> missing = new ArrayList<>();
    for (String binary :
        List.of(
            "swift-proxy-server",
            "swift-account-server",
            "swift-container-server",
            "swift-object-server",
            "memcached")) {
      if (which(binary) == null) {
        missing.add(binary);
      }
    }
    if (!Files.isExecutable(Path.of(PYTHON))) {
      missing.add(PYTHON);
    }
    if (!Files.isReadable(Path.of("/etc/swift/swift.conf"))) {
      missing.add("/etc/swift/swift.conf");
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "OpenStack Swift is not installed ("
              + String.join(", ", missing)
              + " missing): the Swift tests need the Debian packages, install them with"
              + " 'apt-get install -y --no-install-recommends "
              + PACKAGES
              + "' (.ci/run does this before mvn -B verify)");
    }
  }

  private static Path which(String binary) {
    for (String entry : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path candidate = Path.of(entry.isEmpty() ? "." : entry, binary);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    for (String entry : List.of("/usr/bin", "/usr/sbin", "/usr/local/bin")) {
      Path candidate = Path.of(entry, binary);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private void launch() throws IOException {
    Path etc = Files.createDirectories(dir.resolve("etc"));
    Files.createDirectories(dir.resolve("node/d1"));
    memcachedPort = FreePort.find();
    List<String> memcached =
        new ArrayList<>(
            List.of(
                which("memcached").toString(),
                "-l",
                "127.0.0.1",
                "-p",
                String.valueOf(memcachedPort),
                "-U",
                "0",
                "-m",
                "32"));
    if ("root".equals(System.getProperty("user.name"))) {
      memcached.addAll(List.of("-u", "root"));
    }
    spawn("memcached", memcached);
    Map<String, Integer> ports = new java.util.LinkedHashMap<>();
    for (String server : SERVERS) {
      ports.put(server, FreePort.find());
    }
    // the storage servers start while the rings are built; the proxy reads them at its start
    for (String server : SERVERS) {
      Path conf = etc.resolve(server + "-server.conf");
      Files.writeString(conf, storageConf(server, ports.get(server)));
      spawn(
          server, List.of(which("swift-" + server + "-server").toString(), conf.toString(), "-v"));
    }
    buildRings(etc, ports);
    Path proxyConf = etc.resolve("proxy-server.conf");
    Files.writeString(proxyConf, proxyConf(memcachedPort));
    spawn("proxy", List.of(which("swift-proxy-server").toString(), proxyConf.toString(), "-v"));
  }

  /** One Python process builds the three rings: one replica, one device, 2^6 partitions. */
  private void buildRings(Path etc, Map<String, Integer> ports) throws IOException {
    StringBuilder script =
        new StringBuilder("from swift.common.ring import RingBuilder\n")
            .append("for name, port in (");
    ports.forEach(
        (name, port) -> script.append("('").append(name).append("', ").append(port).append("), "));
    script
        .append("):\n")
        .append("    b = RingBuilder(6, 1, 1)\n")
        .append(
            "    b.add_dev({'id': 0, 'region': 1, 'zone': 1, 'ip': '127.0.0.1', 'port': port,"
                + " 'device': 'd1', 'weight': 100})\n")
        .append("    b.rebalance()\n")
        .append("    b.get_ring().save('")
        .append(etc)
        .append("/' + name + '.ring.gz')\n");
    Process rings =
        new ProcessBuilder(PYTHON, "-c", script.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("rings.log").toFile())
            .start();
    try {
      if (!rings.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) || rings.exitValue() != 0) {
        rings.destroyForcibly();
        throw new IOException(
            "building the rings failed: " + Files.readString(dir.resolve("rings.log")));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while building the rings", e);
    }
  }

  private String common(int port) {
    return String.join(
        "\n",
        "[DEFAULT]",
        "bind_ip = 127.0.0.1",
        "bind_port = " + port,
        // workers = 0: forked workers would drop to the 'swift' user and die
        "workers = 0",
        "user = " + System.getProperty("user.name"),
        "swift_dir = " + dir.resolve("etc"),
        "devices = " + dir.resolve("node"),
        "mount_check = false",
        "log_level = WARNING",
        "");
  }

  private String storageConf(String server, int port) {
    return common(port)
        + String.join(
            "\n",
            "[pipeline:main]",
            "pipeline = " + server + "-server",
            "[app:" + server + "-server]",
            "use = egg:swift#" + server,
            "");
  }

  private String proxyConf(int memcachedPort) {
    List<String> filters =
        List.of("catch_errors", "gatekeeper", "healthcheck", "cache", "listing_formats", "bulk");
    StringBuilder conf = new StringBuilder(common(proxyPort));
    conf.append("[pipeline:main]\n")
        .append("pipeline = ")
        .append(String.join(" ", filters))
        .append(" tempauth copy slo dlo proxy-server\n");
    for (String filter : List.of("catch_errors", "gatekeeper", "healthcheck", "listing_formats")) {
      conf.append("[filter:")
          .append(filter)
          .append("]\nuse = egg:swift#")
          .append(filter)
          .append('\n');
    }
    for (String filter : List.of("bulk", "copy", "slo", "dlo")) {
      conf.append("[filter:")
          .append(filter)
          .append("]\nuse = egg:swift#")
          .append(filter)
          .append('\n');
    }
    conf.append("[filter:cache]\nuse = egg:swift#memcache\n")
        .append("memcache_servers = 127.0.0.1:")
        .append(memcachedPort)
        .append('\n')
        .append("[filter:tempauth]\nuse = egg:swift#tempauth\n")
        .append("user_test_tester = ")
        .append(KEY)
        .append(" .admin\n")
        .append("[app:proxy-server]\nuse = egg:swift#proxy\n")
        .append("account_autocreate = true\n")
        // one device only: a single error must not block it for the default 60 s
        .append("error_suppression_interval = 0\n");
    return conf.toString();
  }

  private void spawn(String name, List<String> command) throws IOException {
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(name + ".log").toFile()))
            .start();
    processes.add(process);
    byName.put(name, process);
    commands.put(name, command);
  }

  /**
   * Runs {@code action} while the object server is stopped, so the proxy answers 503 to object
   * requests, then starts the object server again and waits until the proxy stores objects again.
   */
  public synchronized void whileObjectServerIsDown(Runnable action) {
    Process object = byName.get("object");
    try {
      stopProcess(object);
      processes.remove(object);
      action.run();
    } finally {
      restartObjectServer();
    }
  }

  /**
   * Starts the object server and waits until an object PUT through the proxy succeeds. A port that
   * accepts connections is not enough: CI once saw every later object request answered 503 after a
   * restart (the old process still held the port, or the new one died binding it), so a new process
   * that exits is spawned again until the deadline.
   */
  private void restartObjectServer() {
    Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
    String last = "not started";
    try {
      while (Instant.now().isBefore(deadline)) {
        Process started = byName.get("object");
        if (started == null || !started.isAlive() || !processes.contains(started)) {
          processes.remove(started);
          spawn("object", commands.get("object"));
        }
        last = probeObjectPut();
        if (last == null) {
          return;
        }
        sleep();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot restart the object server\n" + logTails(), e);
    }
    throw new IllegalStateException(
        "the object server did not serve again within "
            + STARTUP_TIMEOUT
            + ": "
            + last
            + "\n"
            + logTails());
  }

  /** Stops one process, forcibly if it does not exit within 10 s, and waits until it is gone. */
  private static void stopProcess(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
          throw new IllegalStateException("Swift process " + process.pid() + " does not exit");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Stores a small object through the proxy (creating the test container first).
   *
   * @return null when Swift stored it, otherwise what went wrong
   */
  private String probeObjectPut() {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    try {
      HttpResponse<Void> auth = signIn(http);
      String token = auth.headers().firstValue("X-Auth-Token").orElse("");
      String storage = auth.headers().firstValue("X-Storage-Url").orElse(null);
      if (storage == null) {
        return "auth answered " + auth.statusCode();
      }
      for (String path : List.of(CONTAINER, CONTAINER + "/restart-probe")) {
        HttpResponse<Void> put =
            http.send(
                HttpRequest.newBuilder(URI.create(storage + "/" + path))
                    .timeout(Duration.ofSeconds(5))
                    .header("X-Auth-Token", token)
                    .PUT(HttpRequest.BodyPublishers.ofString("up"))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (put.statusCode() / 100 != 2) {
          return "PUT " + path + " answered " + put.statusCode();
        }
      }
      return null;
    } catch (IOException e) {
      return e.toString();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  private void awaitReady() throws IOException {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
    String last = "no answer";
    IOException lastFailure = null;
    while (Instant.now().isBefore(deadline)) {
      for (Process process : processes) {
        if (!process.isAlive()) {
          throw new IOException("a Swift process exited with " + process.exitValue());
        }
      }
      try {
        HttpResponse<Void> auth = signIn(http);
        if (auth.statusCode() / 100 == 2
            && auth.headers().firstValue("X-Storage-Url").isPresent()
            && accountReady(http, auth)) {
          return;
        }
        last = "auth answered " + auth.statusCode();
      } catch (IOException notYet) {
        last = notYet.toString();
        lastFailure = notYet;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for Swift", e);
      }
      sleep();
    }
    throw new IOException("not ready within " + STARTUP_TIMEOUT + ": " + last, lastFailure);
  }

  /** Tempauth's sign-in: the answer carries the token and the storage URL. */
  private HttpResponse<Void> signIn(HttpClient http) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(authUrl()))
            .timeout(Duration.ofSeconds(5))
            .header("X-Auth-User", USER)
            .header("X-Auth-Key", KEY)
            .build(),
        HttpResponse.BodyHandlers.discarding());
  }

  /** The account server answers too (the proxy alone answers auth before the ring is served). */
  private static boolean accountReady(HttpClient http, HttpResponse<Void> auth)
      throws IOException, InterruptedException {
    // GET, not HEAD: the JDK client refuses the Content-Length Swift sends with HEAD's 204
    HttpResponse<Void> head =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        auth.headers().firstValue("X-Storage-Url").get() + "?format=json&limit=1"))
                .timeout(Duration.ofSeconds(5))
                .header("X-Auth-Token", auth.headers().firstValue("X-Auth-Token").orElse(""))
                .build(),
            HttpResponse.BodyHandlers.discarding());
    return head.statusCode() / 100 == 2;
  }

  private static void sleep() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String logTails() {
    StringBuilder tails = new StringBuilder();
    try (Stream<Path> logs = Files.list(dir)) {
      for (Path log : logs.filter(p -> p.toString().endsWith(".log")).toList()) {
        List<String> lines = Files.readAllLines(log);
        tails
            .append("--- ")
            .append(log.getFileName())
            .append('\n')
            .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size())))
            .append('\n');
      }
    } catch (IOException | UncheckedIOException e) {
      tails.append("(logs unreadable: ").append(e).append(")");
    }
    return tails.toString();
  }

  /** Stops every process by its pid (they call setsid(), so nothing else reaches them). */
  private synchronized void stop() {
    for (Process process : processes) {
      process.destroy();
    }
    for (Process process : processes) {
      try {
        if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    processes.clear();
    ScratchDirs.delete(dir);
  }

  /**
   * Makes every issued token invalid, as if it had expired: tempauth keeps tokens in memcached
   * only, so emptying it leaves clients holding tokens Swift answers 401 to.
   */
  public void expireTokens() {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", memcachedPort)) {
      socket
          .getOutputStream()
          .write("flush_all\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      byte[] answer = new byte[4];
      int n = socket.getInputStream().readNBytes(answer, 0, 4);
      if (n < 2 || answer[0] != 'O' || answer[1] != 'K') {
        throw new IllegalStateException("memcached did not flush");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reach memcached", e);
    }
  }

  /** The tempauth v1.0 URL, {@code http://127.0.0.1:<port>/auth/v1.0}. */
  public String authUrl() {
    return "http://127.0.0.1:" + proxyPort + "/auth/v1.0";
  }

  /** How long the start took, from the first process to the first authenticated answer. */
  public Duration startupTime() {
    return startupTime;
  }

  /** Config overrides pointing {@code keeper.storage} at this Swift with tempauth. */
  public Map<String, String> config() {
    return Map.of(
        "keeper.storage.kind",
        "swift",
        "keeper.storage.swift.auth",
        "tempauth",
        "keeper.storage.swift.tempauth.url",
        authUrl(),
        "keeper.storage.swift.tempauth.user",
        USER,
        "keeper.storage.swift.tempauth.key",
        KEY,
        "keeper.storage.swift.container",
        CONTAINER);
  }
}
