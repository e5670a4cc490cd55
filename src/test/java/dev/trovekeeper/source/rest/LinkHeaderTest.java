package dev.trovekeeper.source.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class LinkHeaderTest {

  private static final URI BASE = URI.create("https://shop.example/api/products?page=1");

  @Test
  void findsRelNextAmongOthers() {
    var header =
        "<https://shop.example/api/products?page=1>; rel=\"prev first\","
            + " <https://shop.example/api/products?page=3>; rel=\"next\"";
    assertThat(LinkHeader.next(header, BASE))
        .contains(URI.create("https://shop.example/api/products?page=3"));
    assertThat(LinkHeader.next("</api/products?page=2>; rel=next", BASE))
        .contains(URI.create("https://shop.example/api/products?page=2"));
  }

  @Test
  void noneWithoutNext() {
    assertThat(LinkHeader.next(null, BASE)).isEmpty();
    assertThat(LinkHeader.next("<https://x/y>; rel=\"prev\"", BASE)).isEmpty();
  }
}
