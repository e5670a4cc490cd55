package dev.trovekeeper.datarestore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SelectionTest {

  @Test
  void everythingWholeEntitiesOrSingleObjects() {
    Selection all =
        Selection.parse(Selection.json(new DataRestoreRequest.Selection(true, null, null)));
    assertThat(all.contains("anything", "1")).isTrue();

    Selection some =
        Selection.parse(
            Selection.json(
                new DataRestoreRequest.Selection(
                    null,
                    List.of("products"),
                    List.of(new DataRestoreRequest.ObjectRef("orders", "[7,2]")))));
    assertThat(some.contains("products", "99")).isTrue();
    assertThat(some.whole("products")).isTrue();
    assertThat(some.contains("orders", "[7,2]")).isTrue();
    assertThat(some.contains("orders", "7")).isFalse();
    assertThat(some.touches("orders")).isTrue();
    assertThat(some.whole("orders")).isFalse();
    assertThat(some.touches("customers")).isFalse();
  }
}
