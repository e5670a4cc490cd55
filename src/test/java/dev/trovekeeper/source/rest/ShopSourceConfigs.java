package dev.trovekeeper.source.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trovekeeper.demo.shop.DemoShop;

/** REST source configurations of the demo shop, as a tenant would write them. */
final class ShopSourceConfigs {

  static final ObjectMapper JSON = new ObjectMapper();

  private ShopSourceConfigs() {}

  /** The four entities, paged by page + limit, the total in X-Total-Count, API key auth. */
  static ObjectNode pageConfig(DemoShop shop, int requestsPerSecond, int pageSize) {
    try {
      return (ObjectNode)
          JSON.readTree(
              """
              {"baseUrl": "%s",
               "auth": {"type": "API_KEY", "header": "X-Shop-Key"},
               "rateLimit": {"requests": %d, "window": "PT1S"},
               "concurrency": 4,
               "paging": {"type": "PAGE", "pageParam": "page", "limitParam": "limit", "limit": %d},
               "total": {"type": "HEADER", "header": "X-Total-Count"},
               "entities": [
                 {"name": "products", "path": "/products", "items": "/products", "id": "id",
                  "updatedAt": "updated_at", "media": ["images[].src"]},
                 {"name": "customers", "path": "/customers", "items": "/customers"},
                 {"name": "orders", "path": "/orders", "items": "/orders",
                  "references": [{"field": "customer_id", "entity": "customers"},
                                 {"field": "line_items[].product_id", "entity": "products"}]},
                 {"name": "collections", "path": "/collections", "items": "/collections",
                  "references": [{"field": "product_ids[]", "entity": "products"}]}
               ]}
              """
                  .formatted(shop.apiUrl(), requestsPerSecond, pageSize));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonNode credentials(String apiKey) {
    return JSON.createObjectNode().put("apiKey", apiKey);
  }
}
