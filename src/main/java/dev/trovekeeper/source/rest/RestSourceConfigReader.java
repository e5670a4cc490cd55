package dev.trovekeeper.source.rest;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.trovekeeper.api.Problem.FieldError;
import dev.trovekeeper.config.Secret;
import dev.trovekeeper.ratelimit.RateLimit;
import dev.trovekeeper.source.ConfigFields;
import dev.trovekeeper.source.InvalidSourceConfigException;
import dev.trovekeeper.source.rest.RestSourceConfig.Auth;
import dev.trovekeeper.source.rest.RestSourceConfig.AuthType;
import dev.trovekeeper.source.rest.RestSourceConfig.Entity;
import dev.trovekeeper.source.rest.RestSourceConfig.EntityReference;
import dev.trovekeeper.source.rest.RestSourceConfig.Paging;
import dev.trovekeeper.source.rest.RestSourceConfig.PagingType;
import dev.trovekeeper.source.rest.RestSourceConfig.Total;
import dev.trovekeeper.source.rest.RestSourceConfig.TotalType;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a REST source's JSON configuration (the API's {@code source} object) into a {@link
 * RestSourceConfig}, naming every invalid field. Example:
 *
 * <pre>{@code
 * {"baseUrl": "https://shop.example/api", "auth": {"type": "API_KEY", "header": "X-Shop-Key"},
 *  "rateLimit": {"requests": 10, "window": "PT1S"}, "concurrency": 4,
 *  "paging": {"type": "PAGE", "limit": 100}, "total": {"type": "HEADER", "header": "X-Total-Count"},
 *  "entities": [{"name": "products", "path": "/products", "items": "/products",
 *                "media": ["images[].src"]},
 *               {"name": "orders", "path": "/orders", "items": "/orders",
 *                "references": [{"field": "customer_id", "entity": "customers"},
 *                               {"field": "line_items[].product_id", "entity": "products"}]}]}
 * }</pre>
 *
 * {@code paging} and {@code total} given at the top apply to every entity that has none of its own.
 */
public final class RestSourceConfigReader {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
  private static final Pattern HEADER = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}");
  private static final Pattern PARAM = Pattern.compile("[A-Za-z0-9_.\\[\\]-]{1,64}");
  private static final Pattern PATH =
      Pattern.compile("/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*(\\?[A-Za-z0-9._~!$&'()*+,;=:@%/?-]*)?");
  private static final Pattern UPLOAD_PATH = Pattern.compile("(/[A-Za-z0-9._-]{1,64}){1,8}");
  private static final Pattern POINTER = Pattern.compile("(/[^/]*)*");
  private static final String SCOPE_CHARS = "[\\x21\\x23-\\x5B\\x5D-\\x7E ]{1,500}";
  private static final Duration MAX_WINDOW = Duration.ofDays(1);

  private RestSourceConfigReader() {}

  /** Every invalid field of {@code source} (empty when it is valid). */
  public static List<FieldError> validate(JsonNode source) {
    var fields = new ConfigFields();
    read(source, fields);
    return fields.errors();
  }

  /**
   * The configuration.
   *
   * @throws InvalidSourceConfigException naming every invalid field
   */
  public static RestSourceConfig read(JsonNode source) {
    var fields = new ConfigFields();
    var config = read(source, fields);
    if (!fields.errors().isEmpty()) {
      throw new InvalidSourceConfigException(fields.errors());
    }
    return config;
  }

  /**
   * The credentials {@code auth} needs, from the API's {@code credentials} object ({@code apiKey},
   * {@code token}, or {@code clientId} + {@code clientSecret}).
   *
   * @throws InvalidSourceConfigException naming every missing or unknown field
   */
  public static RestCredentials credentials(RestSourceConfig config, JsonNode credentials) {
    var fields = new ConfigFields();
    var type = config.auth().type();
    String[] allowed =
        switch (type) {
          case NONE -> new String[0];
          case API_KEY -> new String[] {"apiKey"};
          case BEARER -> new String[] {"token"};
          case OAUTH2_CLIENT_CREDENTIALS -> new String[] {"clientId", "clientSecret"};
        };
    var node =
        type == AuthType.NONE
            ? null
            : fields.object(wrap(credentials), "credentials", "credentials", true, allowed);
    var any = Pattern.compile("[\\x20-\\x7E]{1,4096}");
    var result =
        switch (type) {
          case NONE -> RestCredentials.none();
          case API_KEY ->
              RestCredentials.apiKey(
                  fields.text(node, "apiKey", "credentials.apiKey", true, "", any, "printable"));
          case BEARER ->
              RestCredentials.bearer(
                  fields.text(node, "token", "credentials.token", true, "", any, "printable"));
          case OAUTH2_CLIENT_CREDENTIALS ->
              new RestCredentials(
                  null,
                  null,
                  fields.text(node, "clientId", "credentials.clientId", true, "", any, "printable"),
                  Secret.of(
                      fields.text(
                          node,
                          "clientSecret",
                          "credentials.clientSecret",
                          true,
                          "",
                          any,
                          "printable")));
        };
    if (!fields.errors().isEmpty()) {
      throw new InvalidSourceConfigException(fields.errors());
    }
    return result;
  }

  private static JsonNode wrap(JsonNode credentials) {
    var holder = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    if (credentials != null) {
      holder.set("credentials", credentials);
    }
    return holder;
  }

  private static RestSourceConfig read(JsonNode source, ConfigFields f) {
    if (!f.root(
        source,
        "baseUrl",
        "auth",
        "rateLimit",
        "concurrency",
        "paging",
        "total",
        "entities",
        "mediaUploadPath")) {
      return null;
    }
    var baseUrl = baseUrl(f.text(source, "baseUrl", "baseUrl", true, null, null, null), f);
    var auth = auth(source, f);
    var rateLimit = rateLimit(source, f);
    int concurrency = f.integer(source, "concurrency", "concurrency", false, 4, 1, 32);
    var defaultPaging = paging(source, "paging", f, null);
    var defaultTotal = total(source, "total", f, null);
    var entities = new ArrayList<Entity>();
    var nodes = f.array(source, "entities", "entities", true);
    if (nodes.isEmpty() && source.has("entities")) {
      f.error("entities", "must list at least one entity");
    }
    for (int i = 0; i < nodes.size(); i++) {
      entities.add(entity(nodes.get(i), "entities[" + i + "]", defaultPaging, defaultTotal, f));
    }
    checkNamesAndReferences(entities, f);
    var mediaUpload =
        f.text(
            source,
            "mediaUploadPath",
            "mediaUploadPath",
            false,
            null,
            UPLOAD_PATH,
            "a path starting with / (letters, digits, '-', '_', '.', '/')");
    return new RestSourceConfig(
        baseUrl, auth, rateLimit, concurrency, List.copyOf(entities), mediaUpload);
  }

  private static URI baseUrl(String text, ConfigFields f) {
    if (text == null) {
      return null;
    }
    try {
      var uri = new URI(text.replaceAll("/+$", ""));
      if ((!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()))
          || uri.getHost() == null
          || uri.getRawUserInfo() != null
          || uri.getRawQuery() != null
          || uri.getRawFragment() != null) {
        f.error("baseUrl", "must be an http or https URL without user, query or fragment");
        return null;
      }
      return uri;
    } catch (java.net.URISyntaxException e) {
      f.error("baseUrl", "must be an http or https URL without user, query or fragment");
      return null;
    }
  }

  private static Auth auth(JsonNode source, ConfigFields f) {
    var node = f.object(source, "auth", "auth", true, "type", "header", "tokenUrl", "scope");
    if (node == null) {
      return new Auth(AuthType.NONE, null, null, null);
    }
    var type = f.choice(node, "type", "auth.type", true, AuthType.NONE, AuthType.class);
    String header = null;
    URI tokenUrl = null;
    String scope = null;
    if (type == AuthType.API_KEY) {
      header = f.text(node, "header", "auth.header", true, null, HEADER, "an HTTP header name");
    } else if (node.has("header")) {
      f.error("auth.header", "is only for type API_KEY");
    }
    if (type == AuthType.OAUTH2_CLIENT_CREDENTIALS) {
      var url = f.text(node, "tokenUrl", "auth.tokenUrl", true, null, null, null);
      if (url != null) {
        tokenUrl = baseUrl(url, new ConfigFields());
        if (tokenUrl == null) {
          f.error("auth.tokenUrl", "must be an http or https URL without user, query or fragment");
        }
      }
      scope =
          f.text(node, "scope", "auth.scope", false, null, Pattern.compile(SCOPE_CHARS), "a scope");
    } else if (node.has("tokenUrl") || node.has("scope")) {
      f.error(
          "auth." + (node.has("tokenUrl") ? "tokenUrl" : "scope"),
          "is only for type OAUTH2_CLIENT_CREDENTIALS");
    }
    return new Auth(type, header, tokenUrl, scope);
  }

  private static RateLimit rateLimit(JsonNode source, ConfigFields f) {
    var node = f.object(source, "rateLimit", "rateLimit", true, "requests", "window");
    if (node == null) {
      return new RateLimit(1, Duration.ofSeconds(1));
    }
    int requests = f.integer(node, "requests", "rateLimit.requests", true, 1, 1, 1_000_000);
    var text = f.text(node, "window", "rateLimit.window", true, null, null, null);
    var window = Duration.ofSeconds(1);
    if (text != null) {
      try {
        var parsed = Duration.parse(text);
        if (parsed.toMillis() < 1 || parsed.compareTo(MAX_WINDOW) > 0) {
          f.error("rateLimit.window", "must be between PT0.001S and P1D");
        } else {
          window = parsed;
        }
      } catch (DateTimeParseException e) {
        f.error("rateLimit.window", "must be an ISO-8601 duration, e.g. PT1S or PT1M");
      }
    }
    return new RateLimit(requests, window);
  }

  private static Paging paging(JsonNode parent, String field, ConfigFields f, Paging fallback) {
    var node =
        f.object(
            parent,
            "paging",
            field,
            false,
            "type",
            "pageParam",
            "firstPage",
            "offsetParam",
            "cursorParam",
            "cursorPointer",
            "limitParam",
            "limit");
    if (node == null) {
      return fallback;
    }
    var type = f.choice(node, "type", field + ".type", true, PagingType.PAGE, PagingType.class);
    var limitParam =
        f.text(
            node,
            "limitParam",
            field + ".limitParam",
            false,
            "limit",
            PARAM,
            "a query parameter name");
    int limit = f.integer(node, "limit", field + ".limit", false, 100, 1, 10_000);
    var pageParam =
        f.text(
            node,
            "pageParam",
            field + ".pageParam",
            false,
            "page",
            PARAM,
            "a query parameter name");
    int firstPage = f.integer(node, "firstPage", field + ".firstPage", false, 1, 0, 1);
    var offsetParam =
        f.text(
            node,
            "offsetParam",
            field + ".offsetParam",
            false,
            "offset",
            PARAM,
            "a query parameter name");
    var cursorParam =
        f.text(
            node,
            "cursorParam",
            field + ".cursorParam",
            false,
            "cursor",
            PARAM,
            "a query parameter name");
    JsonPointer cursorPointer = null;
    if (type == PagingType.CURSOR) {
      cursorPointer =
          pointer(
              f.text(node, "cursorPointer", field + ".cursorPointer", true, null, null, null),
              field + ".cursorPointer",
              f,
              false);
    }
    return new Paging(
        type, pageParam, firstPage, offsetParam, cursorParam, cursorPointer, limitParam, limit);
  }

  private static Total total(JsonNode parent, String field, ConfigFields f, Total fallback) {
    var node = f.object(parent, "total", field, false, "type", "header", "pointer");
    if (node == null) {
      return fallback;
    }
    var type = f.choice(node, "type", field + ".type", true, TotalType.NONE, TotalType.class);
    String header = null;
    JsonPointer pointer = null;
    if (type == TotalType.HEADER) {
      header = f.text(node, "header", field + ".header", true, null, HEADER, "an HTTP header name");
    }
    if (type == TotalType.BODY) {
      pointer =
          pointer(
              f.text(node, "pointer", field + ".pointer", true, null, null, null),
              field + ".pointer",
              f,
              false);
    }
    return new Total(type, header, pointer);
  }

  private static Entity entity(
      JsonNode node, String field, Paging defaultPaging, Total defaultTotal, ConfigFields f) {
    if (f.object(
            wrapAt(node),
            "e",
            field,
            true,
            "name",
            "path",
            "items",
            "id",
            "updatedAt",
            "media",
            "references",
            "paging",
            "total")
        == null) {
      return null;
    }
    var name =
        f.text(
            node,
            "name",
            field + ".name",
            true,
            null,
            NAME,
            "lower-case letters, digits and _ (up to 63), starting with a letter");
    var path = f.text(node, "path", field + ".path", true, null, PATH, "a path starting with /");
    if (path != null && (path.contains("/../") || path.endsWith("/..") || path.contains("//"))) {
      f.error(field + ".path", "must not contain .. or empty segments");
    }
    var items =
        pointer(
            f.text(node, "items", field + ".items", false, "", null, null),
            field + ".items",
            f,
            true);
    var id = fieldPath(node, "id", field + ".id", "id", f, false);
    var updatedAt = fieldPath(node, "updatedAt", field + ".updatedAt", null, f, false);
    var media = new ArrayList<FieldPath>();
    var mediaNodes = f.array(node, "media", field + ".media", false);
    for (int i = 0; i < mediaNodes.size(); i++) {
      var text = mediaNodes.get(i).isTextual() ? mediaNodes.get(i).textValue() : null;
      if (FieldPath.valid(text)) {
        media.add(FieldPath.of(text));
      } else {
        f.error(field + ".media[" + i + "]", "must be a field path such as images[].src");
      }
    }
    var references = new ArrayList<EntityReference>();
    var refNodes = f.array(node, "references", field + ".references", false);
    for (int i = 0; i < refNodes.size(); i++) {
      var at = field + ".references[" + i + "]";
      var ref = f.object(wrapAt(refNodes.get(i)), "e", at, true, "field", "entity");
      if (ref == null) {
        continue;
      }
      var path2 = fieldPath(ref, "field", at + ".field", null, f, true);
      var target = f.text(ref, "entity", at + ".entity", true, null, NAME, "an entity name");
      if (path2 != null && target != null) {
        references.add(new EntityReference(path2, target));
      }
    }
    var paging = paging(node, field + ".paging", f, defaultPaging);
    if (paging == null) {
      f.error(field + ".paging", "is required (here or at the top)");
    }
    var total = total(node, field + ".total", f, defaultTotal);
    if (total == null) {
      total = new Total(TotalType.NONE, null, null);
    }
    return new Entity(
        name,
        path,
        items,
        id,
        updatedAt,
        List.copyOf(media),
        List.copyOf(references),
        paging,
        total);
  }

  private static FieldPath fieldPath(
      JsonNode node, String name, String field, String fallback, ConfigFields f, boolean required) {
    var text = f.text(node, name, field, required, fallback, null, null);
    if (text == null) {
      return null;
    }
    if (!FieldPath.valid(text)) {
      f.error(field, "must be a field path such as customer_id or line_items[].product_id");
      return null;
    }
    var path = FieldPath.of(text);
    if (!name.equals("field") && path.multiple()) {
      f.error(field, "must name a single value (no [])");
      return null;
    }
    return path;
  }

  private static JsonPointer pointer(
      String text, String field, ConfigFields f, boolean rootAllowed) {
    if (text == null) {
      return null;
    }
    if (!POINTER.matcher(text).matches() || (!rootAllowed && text.isEmpty())) {
      f.error(
          field,
          "must be a JSON pointer such as /items"
              + (rootAllowed ? " (\"\" for the body itself)" : ""));
      return null;
    }
    try {
      return JsonPointer.compile(text);
    } catch (IllegalArgumentException e) {
      f.error(field, "must be a JSON pointer such as /items");
      return null;
    }
  }

  private static void checkNamesAndReferences(List<Entity> entities, ConfigFields f) {
    var names = new HashSet<String>();
    for (int i = 0; i < entities.size(); i++) {
      var e = entities.get(i);
      if (e != null && e.name() != null && !names.add(e.name())) {
        f.error("entities[" + i + "].name", "must be unique");
      }
    }
    for (int i = 0; i < entities.size(); i++) {
      var e = entities.get(i);
      if (e == null) {
        continue;
      }
      for (int r = 0; r < e.references().size(); r++) {
        if (!names.contains(e.references().get(r).entity())) {
          f.error(
              "entities[" + i + "].references[" + r + "].entity", "must name one of the entities");
        }
      }
    }
  }

  private static JsonNode wrapAt(JsonNode node) {
    var holder = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    holder.set("e", node);
    return holder;
  }
}
