package dev.trovekeeper.demo.shop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The shop's write calls ({@code PUT}/{@code DELETE /shop/api/{entity}/{id}}, {@code POST
 * /shop/api/{entity}}) on its {@link ShopChanges}, with the configured refusals answered first.
 */
final class ShopWrites {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ONE = Pattern.compile("/shop/api/([a-z]+)/(\\d{1,15})");
  private static final Pattern ALL = Pattern.compile("/shop/api/([a-z]+)");

  private final ShopChanges changes;
  private final Map<String, Integer> refusals;
  private final String apiUrl;
  private final boolean assignsIds;

  /**
   * @param assignsIds a create ignores an id in its body
   */
  ShopWrites(
      ShopChanges changes, Map<String, Integer> refusals, String apiUrl, boolean assignsIds) {
    this.changes = changes;
    this.refusals = refusals;
    this.apiUrl = apiUrl;
    this.assignsIds = assignsIds;
  }

  DemoShop.Answer write(String method, String path, byte[] body) {
    var one = ONE.matcher(path);
    var all = ALL.matcher(path);
    String entity;
    Long id = null;
    if (one.matches()) {
      entity = one.group(1);
      id = Long.parseLong(one.group(2));
    } else if (all.matches()) {
      entity = all.group(1);
    } else {
      return error(404, "Not Found");
    }
    if (changes.count(entity) < 0) {
      return error(404, "Not Found");
    }
    return switch (method) {
      case "PUT" -> id == null ? error(405, "Method not allowed") : put(entity, id, body);
      case "DELETE" -> id == null ? error(405, "Method not allowed") : delete(entity, id);
      case "POST" -> id != null ? error(405, "Method not allowed") : post(entity, body);
      default -> error(405, "Method not allowed");
    };
  }

  private DemoShop.Answer put(String entity, long id, byte[] body) {
    ObjectNode record = object(body);
    if (record == null) {
      return error(400, "the body must be a JSON object");
    }
    Integer refused = refusals.get(entity + "/" + id);
    if (refused != null) {
      return error(refused, "the platform refused this change");
    }
    return changes.replace(entity, id, record)
        ? DemoShop.Answer.json(200, text(changes.find(entity, id).orElseThrow()))
        : error(404, "Not Found");
  }

  private DemoShop.Answer delete(String entity, long id) {
    Integer refused = refusals.get(entity + "/" + id);
    if (refused != null) {
      return error(refused, "the platform refused this change");
    }
    return changes.delete(entity, id)
        ? new DemoShop.Answer(204, new byte[0])
        : error(404, "Not Found");
  }

  private DemoShop.Answer post(String entity, byte[] body) {
    ObjectNode record = object(body);
    if (record == null) {
      return error(400, "the body must be a JSON object");
    }
    JsonNode wanted = record.path("id");
    if (!wanted.isMissingNode() && !wanted.isNull() && !wanted.canConvertToLong()) {
      return error(400, "id must be an integer");
    }
    if (wanted.canConvertToLong()) {
      Integer refused = refusals.get(entity + "/" + wanted.longValue());
      if (refused != null) {
        return error(refused, "the platform refused this change");
      }
    }
    if (wanted.isNull() || assignsIds) {
      record.remove("id");
    }
    return changes
        .add(entity, record)
        .map(
            id ->
                DemoShop.Answer.json(201, text(changes.find(entity, id).orElseThrow()))
                    .header("Location", apiUrl + "/" + entity + "/" + id))
        .orElseGet(() -> error(409, "a record with this id exists"));
  }

  private static ObjectNode object(byte[] body) {
    try {
      JsonNode node = JSON.readTree(body);
      return node instanceof ObjectNode o ? o : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static String text(JsonNode node) {
    return node.toString();
  }

  private static DemoShop.Answer error(int status, String message) {
    ObjectNode body = JSON.createObjectNode().put("errors", message);
    return DemoShop.Answer.json(status, body.toString());
  }
}
