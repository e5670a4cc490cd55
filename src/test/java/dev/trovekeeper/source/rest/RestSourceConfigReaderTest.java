package dev.trovekeeper.source.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trovekeeper.api.Problem.FieldError;
import dev.trovekeeper.demo.shop.DemoShop;
import dev.trovekeeper.demo.shop.ShopSettings;
import dev.trovekeeper.source.InvalidSourceConfigException;
import dev.trovekeeper.source.rest.RestSourceConfig.AuthType;
import dev.trovekeeper.source.rest.RestSourceConfig.PagingType;
import dev.trovekeeper.source.rest.RestSourceConfig.TotalType;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RestSourceConfigReaderTest {

  private static final DemoShop SHOP = new DemoShop("http://127.0.0.1:1", ShopSettings.defaults());

  private static ObjectNode valid() {
    return ShopSourceConfigs.pageConfig(SHOP, 10, 100);
  }

  @Test
  void readsTheShopConfiguration() {
    var config = RestSourceConfigReader.read(valid());
    assertThat(config.baseUrl().toString()).isEqualTo("http://127.0.0.1:1/shop/api");
    assertThat(config.auth().type()).isEqualTo(AuthType.API_KEY);
    assertThat(config.rateLimit().requests()).isEqualTo(10);
    assertThat(config.rateLimit().window()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.entities())
        .extracting(RestSourceConfig.Entity::name)
        .containsExactly("products", "customers", "orders", "collections");
    var orders = config.entities().get(2);
    assertThat(orders.paging().type()).isEqualTo(PagingType.PAGE);
    assertThat(orders.total().type()).isEqualTo(TotalType.HEADER);
    assertThat(orders.references())
        .extracting(r -> r.field().toString())
        .containsExactly("customer_id", "line_items[].product_id");
    assertThat(config.entities().get(0).media())
        .extracting(FieldPath::toString)
        .containsExactly("images[].src");
  }

  @Test
  void namesEveryInvalidField() {
    var config = valid();
    config.put("baseUrl", "ftp://user@x/");
    config.put("color", "blue");
    config.with("rateLimit").put("window", "1 second");
    var orders = (ObjectNode) config.withArray("entities").get(2);
    orders.with("paging").put("type", "PAGES");
    orders.withArray("references").addObject().put("field", "vendor_id").put("entity", "vendors");
    ((ObjectNode) config.withArray("entities").get(0)).withArray("media").add("images[0]");
    // a second "products": the orders' reference to "customers" then names no entity either
    ((ObjectNode) config.withArray("entities").get(1)).put("name", "products");

    assertThat(RestSourceConfigReader.validate(config))
        .extracting(FieldError::field)
        .containsExactlyInAnyOrder(
            "baseUrl",
            "color",
            "rateLimit.window",
            "entities[2].paging.type",
            "entities[2].references[0].entity",
            "entities[2].references[2].entity",
            "entities[0].media[1]",
            "entities[1].name");
    assertThat(RestSourceConfigReader.validate(config))
        .filteredOn(e -> e.field().equals("entities[2].paging.type"))
        .extracting(FieldError::message)
        .containsExactly("must be one of PAGE, OFFSET, CURSOR, LINK");
    assertThatThrownBy(() -> RestSourceConfigReader.read(config))
        .isInstanceOf(InvalidSourceConfigException.class)
        .satisfies(e -> assertThat(((InvalidSourceConfigException) e).errors()).hasSize(8));
  }

  @Test
  void requiredFieldsAndPerTypeFields() {
    var empty = ShopSourceConfigs.JSON.createObjectNode();
    assertThat(RestSourceConfigReader.validate(empty))
        .extracting(FieldError::field)
        .containsExactlyInAnyOrder("baseUrl", "auth", "rateLimit", "entities");
    var cursor = valid();
    cursor.with("paging").put("type", "CURSOR");
    cursor.with("auth").put("type", "OAUTH2_CLIENT_CREDENTIALS");
    assertThat(RestSourceConfigReader.validate(cursor))
        .extracting(FieldError::field)
        .contains("paging.cursorPointer", "auth.tokenUrl", "auth.header");
  }

  @Test
  void credentialsFollowTheAuthTypeAndAreNeverShown() {
    var config = RestSourceConfigReader.read(valid());
    var credentials =
        RestSourceConfigReader.credentials(config, ShopSourceConfigs.credentials("s3cr3t-key"));
    assertThat(credentials.apiKey().reveal()).isEqualTo("s3cr3t-key");
    assertThat(credentials.toString()).doesNotContain("s3cr3t");
    assertThat(RestCredentials.clientCredentials("id-1", "very-secret").toString())
        .doesNotContain("very-secret")
        .doesNotContain("id-1");
    assertThatThrownBy(
            () ->
                RestSourceConfigReader.credentials(
                    config, ShopSourceConfigs.JSON.createObjectNode().put("token", "t")))
        .isInstanceOf(InvalidSourceConfigException.class)
        .satisfies(
            e ->
                assertThat(((InvalidSourceConfigException) e).errors())
                    .extracting(FieldError::field)
                    .containsExactlyInAnyOrder("credentials.token", "credentials.apiKey"));
  }
}
