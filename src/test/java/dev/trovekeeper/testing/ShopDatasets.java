package dev.trovekeeper.testing;

import dev.trovekeeper.demo.shop.ShopSettings;

/** Registers the demo shop (or one of its tenants) as a REST dataset of a {@link Tenant}. */
public final class ShopDatasets {

  private ShopDatasets() {}

  /**
   * A REST dataset of the shop's four entities at {@code baseUrl} (200 requests a second, pages of
   * 25, media uploads at {@code /media}); its id.
   *
   * @param productReferences the products' references (a JSON array), e.g. {@code []}
   */
  public static String register(
      Tenant tenant, String name, String baseUrl, String productReferences) {
    String config =
        """
        {"name": "%s", "source": {"kind": "REST", "config": {"baseUrl": "%s",
          "auth": {"type": "API_KEY", "header": "X-Shop-Key"},
          "rateLimit": {"requests": 200, "window": "PT1S"}, "concurrency": 1,
          "paging": {"type": "PAGE", "pageParam": "page", "limitParam": "limit", "limit": 25},
          "total": {"type": "HEADER", "header": "X-Total-Count"},
          "entities": [
            {"name": "collections", "path": "/collections", "items": "/collections",
             "references": [{"field": "product_ids[]", "entity": "products"}]},
            {"name": "orders", "path": "/orders", "items": "/orders",
             "references": [{"field": "customer_id", "entity": "customers"},
                            {"field": "line_items[].product_id", "entity": "products"}]},
            {"name": "products", "path": "/products", "items": "/products",
             "references": %s, "media": ["images[].src"]},
            {"name": "customers", "path": "/customers", "items": "/customers"}],
          "mediaUploadPath": "/media"}},
         "credentials": {"apiKey": "%s"}}
        """
            .formatted(name, baseUrl, productReferences, ShopSettings.API_KEY);
    return tenant.createDataset(config);
  }
}
