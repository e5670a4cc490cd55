package dev.trovekeeper.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.trovekeeper.demo.shop.DemoShop;
import dev.trovekeeper.demo.shop.ShopSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A running demo OpenStack region: Keystone v3 at {@link #authUrl()} and Trove v1.0 at {@code
 * http://127.0.0.1:PORT/v1.0/{project_id}}, both on one loopback HTTP server. Plain Java: start it
 * with {@link #start}, stop it with {@link #close()}.
 *
 * <p>It answers as Trove 18 does in the recordings of {@code trove-wire} (DemoRegionFidelityTest
 * replays both sessions): lists newest first, {@code mgmt/instances} unpaged and without cluster
 * members unless {@code include_clustered=true}, the backup quota (413 {@code overLimit} "Quota
 * exceeded for resources: ['backups']." without Retry-After), Trove's per-verb rate limits (413
 * {@code overLimit} "This request was rate-limited." with Retry-After), asynchronous backup delete,
 * restart and restore.
 *
 * <p>Ways to make Trove misbehave, for tests and demos:
 *
 * <ul>
 *   <li>{@link #faults()}: the next N matching requests answer a {@link Fault} instead: 422 busy,
 *       413 rate limited or over quota, 500, 503, a hang; or {@link Fault#backupFails()}: the
 *       backup a {@code POST /backups} creates is accepted as usual (202, NEW, BUILDING) and then
 *       ends FAILED on Trove's side, as when the guest agent's backup fails.
 *   <li>Name hooks of the recording harness: a backup named {@code ...BACKUP_FAIL} ends FAILED, one
 *       named {@code ...DELETE_FAIL} ends DELETE_FAILED when deleted.
 *   <li>{@link #setBackupQuota}: a project's own backup quota, at run time.
 *   <li>{@link #setInstanceStatus}: force ERROR, SHUTDOWN, BUILD...; {@link #forgetInstance}: an
 *       instance gone without a delete notification.
 * </ul>
 */
public final class DemoRegion implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService workers;
  private final ScheduledExecutorService timer;
  private final RegionState state = new RegionState();
  private final FaultInjector faults = new FaultInjector();
  private final RequestLog requestLog = new RequestLog();
  private final IdentityStore identity;
  private final KeystoneHandler keystone;
  private final TokenView tokenView;
  private final TroveHandler trove;
  private final InstanceService instances;
  private final DemoRegionSettings settings;
  private final DemoShop shop;
  private final RateLimiter rateLimiter;

  private DemoRegion(DemoRegionSettings settings, NotificationSink sink) throws IOException {
    var clock = Clock.systemUTC();
    this.settings = settings;
    server =
        HttpServer.create(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.port()), 0);
    workers = Executors.newFixedThreadPool(8, daemon("demo-region-http"));
    timer = Executors.newScheduledThreadPool(1, daemon("demo-region-timer"));
    var base = "http://127.0.0.1:" + port();
    identity = new IdentityStore(clock, settings.tokenTtl());
    tokenView = new TokenView(settings.regionName(), base);
    keystone = new KeystoneHandler(identity, tokenView);
    var notifier = new Notifier(sink, clock);
    var payloads = new Payloads("127.0.0.1:" + port(), settings.regionName());
    instances = new InstanceService(state, notifier, payloads, timer, settings, clock);
    var backups = new BackupService(state, notifier, payloads, timer, settings, clock);
    var limiter = new RateLimiter(settings, clock);
    rateLimiter = limiter;
    var routes =
        new TroveRoutes(
            state,
            instances,
            backups,
            new TroveViews(settings.regionName()),
            new LimitsView(settings, state, limiter));
    trove = new TroveHandler(identity, faults, limiter, routes);
    DemoSeeder.seed(identity, settings.seed() ? instances : null);
    shop = new DemoShop(base, ShopSettings.defaults());
    server.createContext("/", this::serve);
    server.setExecutor(workers);
    server.start();
  }

  /**
   * Starts a region on a random loopback port.
   *
   * @param settings delays, limits and whether to seed {@link DemoSeed}'s data
   * @param sink receives every notification (topic {@code notifications.info})
   */
  public static DemoRegion start(DemoRegionSettings settings, NotificationSink sink) {
    try {
      return new DemoRegion(settings, sink);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Keystone's URL, e.g. {@code http://127.0.0.1:PORT/identity/v3}. */
  public String authUrl() {
    return "http://127.0.0.1:" + port() + "/identity/v3";
  }

  /** Trove's endpoint for a project, as the catalog lists it. */
  public String troveUrl(String projectId) {
    return "http://127.0.0.1:" + port() + "/v1.0/" + projectId;
  }

  /**
   * Makes new tokens' catalogs list an {@code object-store} endpoint {@code base/AUTH_<project>}
   * (for example a Swift started by a test); null removes it again.
   */
  public void setObjectStoreUrl(String base) {
    tokenView.objectStore(base);
  }

  /** The settings it was started with. */
  public DemoRegionSettings settings() {
    return settings;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Adds a project in the Default domain. */
  public void addProject(String id, String name) {
    identity.addProject(id, name);
  }

  /** Adds a user (id {@code u-<name>}) with a role on a project; returns the user id. */
  public String addUser(String name, String password, String projectId, String role) {
    var id = identity.addUser(DemoSeed.userId(name), name, password);
    identity.grant(id, projectId, role);
    return id;
  }

  /**
   * A token of {@code userName} scoped to {@code projectId}, as {@code POST /v3/auth/tokens} with
   * the password would issue it; empty for unknown users, wrong passwords or no role there.
   */
  public Optional<String> issueToken(String userName, String password, String projectId) {
    return identity
        .userByName(userName, DemoSeed.DOMAIN_ID)
        .filter(u -> u.password().equals(password))
        .flatMap(
            u ->
                identity
                    .project(projectId)
                    .filter(p -> !identity.rolesOf(u.id(), p.id()).isEmpty())
                    .map(p -> identity.issue(u, p, List.of("password"), null).id()));
  }

  /** Gives an existing user a role on a project. */
  public void grant(String userId, String projectId, String role) {
    identity.grant(userId, projectId, role);
  }

  /** Creates an instance as {@code POST /instances} does (BUILD, notifications, then ACTIVE). */
  public InstanceInfo createInstance(String projectId, String name) {
    synchronized (state) {
      return instances.create(Caller.system(projectId), InstanceSpec.mysql(name)).info();
    }
  }

  /**
   * Creates a member of the cluster {@code clusterId} as {@code POST /instances} would (BUILD,
   * notifications, then ACTIVE). Trove lists cluster members only when asked with {@code
   * include_clustered=true}.
   */
  public InstanceInfo createClusterMember(String projectId, String name, String clusterId) {
    synchronized (state) {
      return instances.create(Caller.system(projectId), InstanceSpec.mysql(name), clusterId).info();
    }
  }

  /**
   * Adds {@code count} ACTIVE instances named {@code prefix-N} that were there before anyone
   * listened: no notifications (bulk data for reconcile tests).
   */
  public List<InstanceInfo> addInstancesSilently(String projectId, String prefix, int count) {
    var out = new java.util.ArrayList<InstanceInfo>(count);
    for (int n = 1; n <= count; n++) {
      var spec = InstanceSpec.mysql(prefix + "-" + n);
      out.add(instances.createSilently(Caller.system(projectId), spec).info());
    }
    return out;
  }

  /**
   * Drops an instance without a delete and without notifications, as if Trove had lost it (a lost
   * delete notification, seen from the service); false when there is no such instance.
   */
  public boolean forgetInstance(String projectId, String id) {
    return state.forget(projectId, id);
  }

  /**
   * Makes {@code mgmt/instances} answer pages of at most {@code pageSize} instances with a {@code
   * next} link, as a Trove that pages its admin listing would; 0 goes back to Trove 18's one answer
   * for the whole fleet.
   */
  public void setManagementListingPageSize(int pageSize) {
    state.setMgmtPageSize(pageSize);
  }

  /**
   * Sets a project's own backup quota, as an operator does with Trove's {@code mgmt/quotas}; null
   * goes back to the region's default ({@link DemoRegionSettings#backupQuota()}); -1 is unlimited.
   * Takes effect for the next {@code POST /backups} and shows in {@code GET /limits}.
   */
  public void setBackupQuota(String projectId, Integer quota) {
    state.setBackupQuota(projectId, quota);
  }

  /**
   * Sets (or, with null, clears) how long one project's deleted backups stay listed after Trove
   * accepted their DELETE (the region's {@code backupDeleteDelay} otherwise).
   */
  public void setBackupDeleteDelay(String projectId, java.time.Duration delay) {
    state.setBackupDeleteDelay(projectId, delay);
  }

  /**
   * Sets (or, with null, clears) how long one project's backups stay BUILDING before they end (the
   * region's {@code backupBuildDelay} otherwise).
   */
  public void setBackupBuildDelay(String projectId, java.time.Duration delay) {
    state.setBackupBuildDelay(projectId, delay);
  }

  /**
   * Enforces Trove's per-project rate limits with {@code perMinute} requests a minute per verb on
   * one project, even when the region's own limit is off ({@code rateLimitPerMinute} 0); null goes
   * back to the region's setting. Shows in that project's {@code GET /limits}.
   */
  public void setRateLimit(String projectId, Integer perMinute) {
    rateLimiter.setProjectRate(projectId, perMinute);
  }

  /** The live instance, if it exists and is not deleted. */
  public Optional<InstanceInfo> instance(String projectId, String id) {
    return state.instance(projectId, id).map(Instance::info);
  }

  /** Live instances of a project, oldest first. */
  public List<InstanceInfo> instances(String projectId) {
    return state.instances(projectId).stream().map(Instance::info).toList();
  }

  /** Forces an instance's status, e.g. ("ERROR", "ERROR") or ("SHUTDOWN", "SHUTDOWN"). */
  public InstanceInfo setInstanceStatus(
      String projectId, String id, String status, String operatingStatus) {
    return instances.setStatus(projectId, id, status, operatingStatus);
  }

  /** Backups of a project (DELETE_FAILED ones included), newest first. */
  public List<BackupInfo> backups(String projectId) {
    return state.backups(projectId).stream().map(Backup::info).toList();
  }

  /** Backup quota units in use (a counter, as in Trove). */
  public int backupQuotaUsage(String projectId) {
    return state.backupUsage(projectId);
  }

  /** The sample shop REST source under {@code /shop} (tenant-data demo); reconfigurable. */
  public DemoShop shop() {
    return shop;
  }

  /** The failure injector; applies before any other handling. */
  public FaultInjector faults() {
    return faults;
  }

  /** Every answered request. */
  public RequestLog requests() {
    return requestLog;
  }

  /** Shortcut for {@code requests().count(method, pattern)}, e.g. ("POST", "/backups"). */
  public long requestCount(String method, String pattern) {
    return requestLog.count(method, pattern);
  }

  @Override
  public void close() {
    server.stop(0);
    timer.shutdownNow();
    workers.shutdownNow();
    try {
      workers.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void serve(HttpExchange ex) throws IOException {
    if (ex.getRequestURI().getPath().startsWith("/shop/")) {
      try (ex) {
        shop.serve(ex);
      }
      return;
    }
    try (ex) {
      var req = Request.of(ex);
      var parts = req.path().split("/");
      String project = null;
      Reply reply;
      try {
        if (req.path().startsWith("/identity/")) {
          reply = keystone.handle(req);
        } else if (req.path().startsWith("/v1.0/") && parts.length > 3) {
          project = parts[2];
          reply = trove.handle(req, project);
        } else {
          reply = Reply.json(404, Json.obj("error", Json.obj("code", 404, "message", "Not Found")));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (TroveException e) {
        reply = e.reply();
      } catch (RuntimeException e) {
        reply = new TroveException(500, "instanceFault", String.valueOf(e)).reply();
      }
      requestLog.add(
          new RequestLog.Entry(
              req.method(), req.path(), RequestLog.pattern(req.path()), project, reply.status()));
      send(ex, reply);
    }
  }

  private static void send(HttpExchange ex, Reply reply) throws IOException {
    var bytes = reply.body().getBytes(StandardCharsets.UTF_8);
    if (reply.contentType() != null) {
      ex.getResponseHeaders().set("Content-Type", reply.contentType());
    }
    String stall = reply.headers().get(Reply.STALL_HEADER);
    reply.headers().entrySet().stream()
        .filter(h -> !h.getKey().equals(Reply.STALL_HEADER))
        .forEach(h -> ex.getResponseHeaders().set(h.getKey(), h.getValue()));
    ex.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length == 0) {
      return;
    }
    if (stall == null) {
      ex.getResponseBody().write(bytes);
      return;
    }
    int half = bytes.length / 2;
    ex.getResponseBody().write(bytes, 0, half);
    ex.getResponseBody().flush();
    try {
      Thread.sleep(Long.parseLong(stall));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    ex.getResponseBody().write(bytes, half, bytes.length - half);
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      var t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
