package dev.trovekeeper.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ObjectKeyTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a",
        "tenants/t-42/runs/r-7/data.jsonl.zst",
        "A.b_c-D/0/9",
        ".hidden/file",
        "x/y.z",
        "_/-"
      })
  void acceptsRelativeKeysOfAllowedCharacters(String value) {
    assertThat(ObjectKey.of(value).value()).isEqualTo(value);
    assertThat(ObjectKey.isValid(value)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "..",
        "../etc/passwd",
        "a/../b",
        "a/..",
        "a..b",
        ".",
        "./a",
        "a/./b",
        "/a",
        "/",
        "a//b",
        "a/",
        "a b",
        "a\\b",
        "a:b",
        "a%2e%2e/b",
        "tenänt/a",
        "a/\u0000",
        "\u202ea",
        "a/b?c",
        "\uff0e\uff0e/x"
      })
  void rejectsTraversalAbsoluteEmptySegmentsAndOtherCharacters(String value) {
    assertThatThrownBy(() -> ObjectKey.of(value))
        .isInstanceOf(InvalidObjectKeyException.class)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid object key");
    assertThat(ObjectKey.isValid(value)).isFalse();
  }

  @Test
  void rejectsNull() {
    assertThatThrownBy(() -> ObjectKey.of(null))
        .isInstanceOf(InvalidObjectKeyException.class)
        .hasMessageContaining("must not be null");
  }

  @Test
  void limitsTheLengthTo1024Characters() {
    assertThat(ObjectKey.of("k".repeat(1024)).value()).hasSize(1024);
    assertThatThrownBy(() -> ObjectKey.of("k".repeat(1025)))
        .isInstanceOf(InvalidObjectKeyException.class)
        .hasMessageContaining("longer than 1024");
  }

  @Test
  void messagesSayWhy() {
    assertThatThrownBy(() -> ObjectKey.of("../x")).hasMessageContaining("'..'");
    assertThatThrownBy(() -> ObjectKey.of("/x")).hasMessageContaining("relative");
    assertThatThrownBy(() -> ObjectKey.of("a//x")).hasMessageContaining("empty segments");
  }

  @Test
  void messagesNeverEchoControlOrNonAsciiCharacters() {
    assertThatThrownBy(() -> ObjectKey.of("t\u00e4\n"))
        .hasMessageContaining("'t\\u00e4\\u000a'")
        .hasMessageContaining("only A-Z a-z 0-9 . _ - / are allowed");
    assertThatThrownBy(() -> ObjectKey.of("x".repeat(500) + " ")).message().hasSizeLessThan(200);
  }

  @Test
  void prefixesMayBeEmptyOrEndWithASlash() {
    assertThat(ObjectKey.checkPrefix("")).isEmpty();
    assertThat(ObjectKey.checkPrefix("tenants/")).isEqualTo("tenants/");
    assertThat(ObjectKey.checkPrefix("tenants/t-4")).isEqualTo("tenants/t-4");
    for (String bad : new String[] {"/", "/a", "a//", "../", "a/../", "a b/", null}) {
      assertThatThrownBy(() -> ObjectKey.checkPrefix(bad))
          .as(String.valueOf(bad))
          .isInstanceOf(InvalidObjectKeyException.class);
    }
  }

  @Test
  void resolveAppendsAValidatedSegment() {
    assertThat(ObjectKey.of("tenants/t-1").resolve("runs/r-2"))
        .isEqualTo(ObjectKey.of("tenants/t-1/runs/r-2"));
    assertThatThrownBy(() -> ObjectKey.of("tenants").resolve("../x"))
        .isInstanceOf(InvalidObjectKeyException.class);
  }
}
