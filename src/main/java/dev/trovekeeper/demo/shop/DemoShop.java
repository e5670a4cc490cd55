package dev.trovekeeper.demo.shop;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A sample shop REST API under {@code /shop} on the demo region's HTTP server, the tenant-data
 * source README command 1 shows with no configuration:
 *
 * <ul>
 *   <li>{@code GET /shop/api/{products|customers|orders|collections}} with {@code page}+{@code
 *       limit} (first page 1), {@code offset}+{@code limit} or {@code cursor}+{@code limit}: body
 *       {@code {"<entity>": [...], "next_cursor": ...}} ({@code format=array}: the bare array),
 *       headers {@code X-Total-Count} and {@code Link: <...>; rel="next"}
 *   <li>{@code GET /shop/api/{entity}/{id}}: one record (404 when there is none)
 *   <li>{@code PUT /shop/api/{entity}/{id}}: replaces a record with the JSON object sent (its
 *       {@code id} stays the path's); 200 with the record, 404 when there is none
 *   <li>{@code POST /shop/api/{entity}}: adds a record; 201 with it (and {@code Location}). Its id
 *       is the next free one, or the {@code id} the body names when no live record has it (so a
 *       restore can re-create a deleted record under its old id); 409 when a live record has it
 *   <li>{@code DELETE /shop/api/{entity}/{id}}: 204, 404 when there is none
 *   <li>{@code GET /shop/media/{name}}: an image's bytes
 *   <li>{@code PUT /shop/api/media/{sha256}}: a media upload (a restore's), kept in memory by its
 *       SHA-256 ({@link #uploads}); 201, 400 when the bytes do not have that SHA-256
 *   <li>{@code POST /shop/oauth/token}: OAuth2 client credentials (form or Basic auth)
 *   <li>{@code /shop/t/{tenant}/api/...}: the same API for another tenant of the shop (a store of
 *       its own, empty at first, same key and limit), for migrations between tenants
 * </ul>
 *
 * Calls need {@code X-Shop-Key} or a bearer token from the token endpoint (else 401); everything
 * but the token endpoint counts against the rate limit (429 + Retry-After). A body that is not a
 * JSON object is 400; writes answer JSON errors as {@code {"errors": "..."}}.
 *
 * <p><b>Writable, as a real e-commerce API.</b> The records are generated from their index and the
 * seed ({@code ShopData}); writes are kept as an overlay on them ({@code ShopChanges}: replaced
 * records, deleted ids, added records), so listings, totals ({@code X-Total-Count}) and paging
 * always show the records as changed. The same writes are open to tests in Java: {@link #put},
 * {@link #add}, {@link #delete}, {@link #find}; {@link #configure} and {@link #resetChanges} drop
 * them. {@link #refuseWrites} makes writes of given ids fail with a chosen status (for example 422,
 * as a platform refusing an object), so that a restore can show partial failures; GETs of those ids
 * still work.
 */
public final class DemoShop {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern MEDIA = Pattern.compile("/shop/media/(p\\d+-\\d+\\.jpg)");
  private static final Pattern RECORD = Pattern.compile("/shop/api/([a-z]+)/(\\d{1,15})");
  private static final Pattern UPLOAD = Pattern.compile("/shop/api/media/([0-9a-f]{64})");
  private static final Pattern TENANT = Pattern.compile("/shop/t/([a-z0-9-]{1,32})(/api(/.*)?)");

  private final String base;
  private final ShopTraffic traffic = new ShopTraffic();
  private final Set<String> tokens = ConcurrentHashMap.newKeySet();
  private volatile ShopSettings settings;
  private volatile ShopData data;
  private volatile ShopLimiter limiter;
  private volatile ShopChanges changes;
  private final Map<String, Integer> refusals = new ConcurrentHashMap<>();
  private final Map<String, byte[]> uploads = new ConcurrentHashMap<>();
  private final Map<String, ShopChanges> tenants = new ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicInteger writesInFlight =
      new java.util.concurrent.atomic.AtomicInteger();
  private final java.util.concurrent.atomic.AtomicInteger maxWritesInFlight =
      new java.util.concurrent.atomic.AtomicInteger();
  private volatile long writeLatencyMillis;
  private volatile boolean assignsIds;
  private volatile boolean revoked;

  /**
   * @param base the server's base URL, e.g. {@code http://127.0.0.1:PORT}
   */
  public DemoShop(String base, ShopSettings settings) {
    this.base = base;
    configure(settings);
  }

  /**
   * Replaces size, seed and limit, and drops every write and refusal (the traffic log and issued
   * tokens stay).
   */
  public synchronized void configure(ShopSettings settings) {
    this.settings = settings;
    this.data = new ShopData(settings, base + "/shop/media");
    this.changes = new ShopChanges(data);
    this.limiter = new ShopLimiter(settings.requests(), settings.window());
    refusals.clear();
    uploads.clear();
    tenants.clear();
    writeLatencyMillis = 0;
    assignsIds = false;
    maxWritesInFlight.set(0);
  }

  /**
   * From now on each write (PUT, POST, DELETE of a record) takes at least {@code latency}, as over
   * a network; {@link #configure} sets it back to none.
   */
  public void writeLatency(java.time.Duration latency) {
    writeLatencyMillis = latency.toMillis();
  }

  /**
   * From now on a create ({@code POST}) ignores an id in its body and gives the record the next
   * free id, as platforms that assign ids themselves; {@link #configure} sets it back to keeping a
   * free id it is given.
   */
  public void assignIds(boolean assigns) {
    assignsIds = assigns;
  }

  /** The most writes the shop was answering at once since {@link #configure}. */
  public int maxWritesInFlight() {
    return maxWritesInFlight.get();
  }

  /** Media uploaded with {@code PUT /shop/api/media/{sha256}}, by SHA-256. */
  public Map<String, byte[]> uploads() {
    return uploads;
  }

  /** Drops every write: the generated records again. Refusals stay. */
  public synchronized void resetChanges() {
    this.changes = new ShopChanges(data);
    tenants.clear();
  }

  /** The API's base URL for another tenant of the shop, e.g. {@code .../shop/t/beta/api}. */
  public String apiUrl(String tenant) {
    return base + "/shop/t/" + tenant + "/api";
  }

  /** The live records of {@code entity} of a tenant (null: the shop's own), in id order. */
  public java.util.List<ObjectNode> records(String tenant, String entity) {
    ShopChanges c = tenant == null ? changes : tenant(tenant);
    return c.page(entity, 0, Math.max(0, c.count(entity)));
  }

  /** Adds {@code record} to {@code entity} of another tenant; returns its id. */
  public Optional<Long> add(String tenant, String entity, ObjectNode record) {
    return tenant(tenant).add(entity, record);
  }

  private ShopChanges tenant(String tenant) {
    return tenants.computeIfAbsent(
        tenant,
        t -> new ShopChanges(new ShopData(settings.withSizes(0, 0, 0, 0), base + "/shop/media")));
  }

  /** The live record {@code id} of {@code entity} (as changed), if there is one. */
  public Optional<ObjectNode> find(String entity, long id) {
    return changes.find(entity, id);
  }

  /**
   * Replaces the live record {@code id} of {@code entity} with {@code record} (its {@code id} field
   * set to {@code id}), as {@code PUT /shop/api/{entity}/{id}} does; false when there is none.
   */
  public boolean put(String entity, long id, ObjectNode record) {
    return changes.replace(entity, id, record);
  }

  /**
   * Adds {@code record} to {@code entity} as {@code POST /shop/api/{entity}} does; returns its id,
   * or empty when the body names the id of a live record.
   */
  public Optional<Long> add(String entity, ObjectNode record) {
    return changes.add(entity, record);
  }

  /** Deletes the live record {@code id}, as {@code DELETE} does; false when there is none. */
  public boolean delete(String entity, long id) {
    return changes.delete(entity, id);
  }

  /**
   * From now on every write (PUT, DELETE, or POST naming this id) of record {@code id} of {@code
   * entity} over HTTP is refused with {@code status} (a 4xx); the Java writes above are not.
   */
  public void refuseWrites(String entity, long id, int status) {
    refusals.put(entity + "/" + id, status);
  }

  /** Refuses no write any more. */
  public void clearRefusals() {
    refusals.clear();
  }

  public ShopSettings settings() {
    return settings;
  }

  /** The API's base URL, e.g. {@code http://127.0.0.1:PORT/shop/api}. */
  public String apiUrl() {
    return base + "/shop/api";
  }

  /** The OAuth2 token endpoint. */
  public String tokenUrl() {
    return base + "/shop/oauth/token";
  }

  /** Every answered request. */
  public ShopTraffic traffic() {
    return traffic;
  }

  /** While revoked every call is 401, as when the tenant's API credentials were withdrawn. */
  public void revoke(boolean revoked) {
    this.revoked = revoked;
  }

  /** Serves one exchange whose path starts with {@code /shop/}. */
  public void serve(HttpExchange ex) throws IOException {
    long at = System.currentTimeMillis();
    var path = ex.getRequestURI().getPath();
    var query = query(ex.getRequestURI().getRawQuery());
    ShopChanges changes = this.changes;
    String apiUrl = apiUrl();
    var tenant = TENANT.matcher(path);
    if (tenant.matches()) {
      changes = tenant(tenant.group(1));
      apiUrl = apiUrl(tenant.group(1));
      path = "/shop" + tenant.group(2);
    }
    Answer answer;
    long retryAfter = 0;
    if (path.equals("/shop/oauth/token") && ex.getRequestMethod().equals("POST")) {
      answer = token(ex);
    } else if (!authorized(ex)) {
      answer = Answer.json(401, "{\"errors\":\"Invalid API key or access token\"}");
    } else if ((retryAfter = limiter.take()) > 0) {
      answer =
          Answer.json(429, "{\"errors\":\"Exceeded the rate limit\"}")
              .header("Retry-After", Long.toString(retryAfter));
    } else if (ex.getRequestMethod().equals("PUT") && UPLOAD.matcher(path).matches()) {
      answer = upload(path, ex.getRequestBody().readAllBytes());
    } else if (ex.getRequestMethod().equals("GET")) {
      var one = RECORD.matcher(path);
      answer =
          one.matches()
              ? getOne(changes, one.group(1), one.group(2))
              : get(changes, apiUrl, path, query);
    } else {
      maxWritesInFlight.accumulateAndGet(writesInFlight.incrementAndGet(), Math::max);
      try {
        if (writeLatencyMillis > 0) {
          Thread.sleep(writeLatencyMillis);
        }
        answer =
            new ShopWrites(changes, refusals, apiUrl, assignsIds)
                .write(ex.getRequestMethod(), path, ex.getRequestBody().readAllBytes());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        answer = Answer.json(503, "{\"errors\":\"shutting down\"}");
      } finally {
        writesInFlight.decrementAndGet();
      }
    }
    traffic.add(
        new ShopTraffic.Entry(
            at, path, answer.status, answer.status == 429 ? retryAfter : 0, answer.body.length));
    answer.headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
    ex.sendResponseHeaders(answer.status, answer.body.length == 0 ? -1 : answer.body.length);
    if (answer.body.length > 0) {
      ex.getResponseBody().write(answer.body);
    }
  }

  private Answer get(ShopChanges changes, String apiUrl, String path, Map<String, String> query) {
    var media = MEDIA.matcher(path);
    if (media.matches()) {
      return new Answer(200, ShopData.media(media.group(1), settings.seed()))
          .header("Content-Type", "image/jpeg");
    }
    var entity = path.startsWith("/shop/api/") ? path.substring("/shop/api/".length()) : "";
    int total = changes.count(entity);
    if (total < 0) {
      return Answer.json(404, "{\"errors\":\"Not Found\"}");
    }
    int limit;
    int offset;
    try {
      limit = Math.min(settings.maxPageSize(), Integer.parseInt(query.getOrDefault("limit", "50")));
      offset = offset(query, limit);
    } catch (IllegalArgumentException e) {
      return Answer.json(400, "{\"errors\":\"invalid paging parameters\"}");
    }
    if (limit < 1 || offset < 0) {
      return Answer.json(400, "{\"errors\":\"invalid paging parameters\"}");
    }
    ArrayNode items = JSON.createArrayNode();
    changes.page(entity, offset, limit).forEach(items::add);
    int next = offset + limit;
    String cursor = next < total ? cursor(next) : null;
    Object body;
    if ("array".equals(query.get("format"))) {
      body = items;
    } else {
      var map = new LinkedHashMap<String, Object>();
      map.put(entity, items);
      map.put("next_cursor", cursor);
      body = map;
    }
    var answer = Answer.json(200, write(body)).header("X-Total-Count", Integer.toString(total));
    if (cursor != null) {
      answer.header(
          "Link",
          "<"
              + apiUrl
              + "/"
              + entity
              + "?cursor="
              + cursor
              + "&limit="
              + limit
              + ("array".equals(query.get("format")) ? "&format=array" : "")
              + ">; rel=\"next\"");
    }
    return answer;
  }

  private Answer upload(String path, byte[] bytes) {
    var m = UPLOAD.matcher(path);
    m.matches();
    try {
      var sha =
          java.util.HexFormat.of()
              .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
      if (!sha.equals(m.group(1))) {
        return Answer.json(400, "{\"errors\":\"the bytes do not have this SHA-256\"}");
      }
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    uploads.put(m.group(1), bytes);
    return Answer.json(201, "{\"sha256\":\"" + m.group(1) + "\"}");
  }

  private Answer getOne(ShopChanges changes, String entity, String id) {
    return changes
        .find(entity, Long.parseLong(id))
        .map(r -> Answer.json(200, write(r)))
        .orElseGet(() -> Answer.json(404, "{\"errors\":\"Not Found\"}"));
  }

  private static int offset(Map<String, String> query, int limit) {
    if (query.containsKey("cursor")) {
      var decoded =
          new String(Base64.getUrlDecoder().decode(query.get("cursor")), StandardCharsets.UTF_8);
      if (!decoded.startsWith("o:")) {
        throw new IllegalArgumentException("cursor");
      }
      return Integer.parseInt(decoded.substring(2));
    }
    if (query.containsKey("offset")) {
      return Integer.parseInt(query.get("offset"));
    }
    return (Integer.parseInt(query.getOrDefault("page", "1")) - 1) * limit;
  }

  private static String cursor(int offset) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("o:" + offset).getBytes(StandardCharsets.UTF_8));
  }

  private boolean authorized(HttpExchange ex) {
    if (revoked) {
      return false;
    }
    var key = ex.getRequestHeaders().getFirst("X-Shop-Key");
    if (key != null) {
      return key.equals(settings.apiKey());
    }
    var auth = ex.getRequestHeaders().getFirst("Authorization");
    return auth != null && auth.startsWith("Bearer ") && tokens.contains(auth.substring(7));
  }

  private Answer token(HttpExchange ex) throws IOException {
    var form = query(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    var id = form.get("client_id");
    var secret = form.get("client_secret");
    var basic = ex.getRequestHeaders().getFirst("Authorization");
    if (basic != null && basic.startsWith("Basic ")) {
      var pair =
          new String(Base64.getDecoder().decode(basic.substring(6)), StandardCharsets.UTF_8)
              .split(":", 2);
      id = URLDecoder.decode(pair[0], StandardCharsets.UTF_8);
      secret = pair.length > 1 ? URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : "";
    }
    if (revoked
        || !"client_credentials".equals(form.get("grant_type"))
        || !settings.clientId().equals(id)
        || !settings.clientSecret().equals(secret)) {
      return Answer.json(401, "{\"error\":\"invalid_client\"}");
    }
    var token = UUID.randomUUID().toString();
    tokens.add(token);
    return Answer.json(
        200, "{\"access_token\":\"" + token + "\",\"token_type\":\"bearer\",\"expires_in\":3600}");
  }

  private static Map<String, String> query(String raw) {
    var out = new HashMap<String, String>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (var pair : raw.split("&")) {
      var kv = pair.split("=", 2);
      out.put(
          URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
          kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
    }
    return out;
  }

  private static String write(Object body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static final class Answer {
    final int status;
    final byte[] body;
    final Map<String, String> headers = new LinkedHashMap<>();

    Answer(int status, byte[] body) {
      this.status = status;
      this.body = body;
    }

    static Answer json(int status, String body) {
      return new Answer(status, body.getBytes(StandardCharsets.UTF_8))
          .header("Content-Type", "application/json");
    }

    Answer header(String name, String value) {
      headers.put(name, value);
      return this;
    }
  }
}
