package dev.trovekeeper.testing;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Every operation of the service's OpenAPI document under {@code /v1}, so tests that must cover the
 * whole API iterate over what the service publishes rather than a hand-kept list.
 */
public final class OpenApiOperations {

  private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");

  private OpenApiOperations() {}

  /** One parameter of an operation, with its schema ($ref resolved). */
  public record Param(String name, boolean required, JsonNode schema) {

    /** The schema's type: integer, string, number, boolean, array, object. */
    public String type() {
      return schema.path("type").asText("string");
    }
  }

  /**
   * One operation. {@code body} is the resolved request body schema (null for none) and {@code
   * bodyName} the name of its component schema (null when inline).
   */
  public record Operation(
      String method,
      String path,
      List<Param> pathParams,
      List<Param> queryParams,
      String bodyName,
      JsonNode body,
      JsonNode document) {

    /** The path with each {@code {name}} replaced; fails on a parameter {@code values} lacks. */
    public String pathWith(Map<String, String> values) {
      String resolved = path;
      for (Param p : pathParams) {
        String value = values.get(p.name());
        if (value == null) {
          throw new AssertionError(
              method + " " + path + ": no value for path parameter '" + p.name() + "'");
        }
        resolved = resolved.replace("{" + p.name() + "}", value);
      }
      return resolved;
    }

    /** The properties of the request body's object schema ($refs resolved), by name. */
    public Map<String, JsonNode> bodyProperties() {
      Map<String, JsonNode> properties = new java.util.LinkedHashMap<>();
      if (body != null) {
        body.path("properties")
            .fields()
            .forEachRemaining(e -> properties.put(e.getKey(), resolve(document, e.getValue())));
      }
      return properties;
    }

    public boolean hasInput() {
      return body != null || !pathParams.isEmpty() || !queryParams.isEmpty();
    }

    @Override
    public String toString() {
      return method.toUpperCase() + " " + path;
    }
  }

  /** The operations of the running service's document under {@code /v1}. */
  public static List<Operation> fetch() {
    String json = given().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
    try {
      List<Operation> operations = parse(new ObjectMapper().readTree(json));
      if (operations.isEmpty()) {
        throw new AssertionError("the OpenAPI document lists no /v1 operation");
      }
      return operations;
    } catch (java.io.IOException e) {
      throw new IllegalStateException("the OpenAPI document is not JSON", e);
    }
  }

  static List<Operation> parse(JsonNode doc) {
    List<Operation> operations = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields();
    while (paths.hasNext()) {
      Map.Entry<String, JsonNode> path = paths.next();
      if (!path.getKey().startsWith("/v1")) {
        continue;
      }
      for (String method : METHODS) {
        JsonNode op = path.getValue().get(method);
        if (op == null) {
          continue;
        }
        List<Param> pathParams = new ArrayList<>();
        List<Param> queryParams = new ArrayList<>();
        List<JsonNode> params = new ArrayList<>();
        path.getValue().path("parameters").forEach(params::add);
        op.path("parameters").forEach(params::add);
        for (JsonNode raw : params) {
          JsonNode p = resolve(doc, raw);
          Param param =
              new Param(
                  p.path("name").asText(),
                  p.path("required").asBoolean(false),
                  resolve(doc, p.path("schema")));
          switch (p.path("in").asText()) {
            case "path" -> pathParams.add(param);
            case "query" -> queryParams.add(param);
            default -> {
              // headers and cookies: none of the API's inputs so far
            }
          }
        }
        JsonNode schema = op.path("requestBody").path("content").path("application/json");
        String bodyName = null;
        JsonNode body = null;
        if (!schema.isMissingNode()) {
          JsonNode raw = schema.path("schema");
          if (raw.has("$ref")) {
            String ref = raw.get("$ref").asText();
            bodyName = ref.substring(ref.lastIndexOf('/') + 1);
          }
          body = resolve(doc, raw);
        } else if (op.has("requestBody")) {
          throw new AssertionError(method + " " + path.getKey() + ": a body that is not JSON");
        }
        operations.add(
            new Operation(
                method,
                path.getKey(),
                List.copyOf(pathParams),
                List.copyOf(queryParams),
                bodyName,
                body,
                doc));
      }
    }
    return operations;
  }

  /** The schema a {@code $ref} points to (inside this document), or the node itself. */
  public static JsonNode resolve(JsonNode doc, JsonNode node) {
    JsonNode current = node;
    while (current != null && current.has("$ref")) {
      String ref = current.get("$ref").asText();
      if (!ref.startsWith("#/")) {
        throw new AssertionError("external $ref " + ref);
      }
      current = doc.at(ref.substring(1));
    }
    return current;
  }
}
