package dev.trovekeeper.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trovekeeper.datarestore.DataRestoreRequest.ObjectRef;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestoreObjectsTest {

  @Test
  void idsAreOneALineSoACompositeKeyKeepsItsCommasAndSpaces() {
    var typed =
        RestoreObjects.typed(
            List.of("products", "orders", "customers"), List.of(" 1\n\n[2, \"a b\"]\n", "", " "));
    assertThat(typed).containsOnlyKeys("products");
    assertThat(RestoreObjects.refs(typed))
        .containsExactly(new ObjectRef("products", "1"), new ObjectRef("products", "[2, \"a b\"]"));
  }

  @Test
  void anIdTooLongOrAFormWithoutItsPairsIsABadRequest() {
    var tooLong = RestoreObjects.typed(List.of("products"), List.of("x".repeat(513)));
    assertThatThrownBy(() -> RestoreObjects.refs(tooLong))
        .isInstanceOfSatisfying(ConsoleFailure.class, f -> assertThat(f.status()).isEqualTo(400));
    assertThatThrownBy(() -> RestoreObjects.typed(List.of("products"), List.of()))
        .isInstanceOfSatisfying(ConsoleFailure.class, f -> assertThat(f.status()).isEqualTo(400));
  }

  @Test
  void aStoredSelectionIsDescribedInWords() throws Exception {
    var json = new ObjectMapper();
    assertThat(RestoreObjects.describe(json.readTree("{\"all\": true}"))).isEqualTo("everything");
    assertThat(
            RestoreObjects.describe(
                json.readTree(
                    "{\"entities\": [\"orders\"], \"objects\": [{\"entity\": \"products\","
                        + " \"id\": \"7\"}]}")))
        .isEqualTo("whole entities: orders; objects: products 7");
  }
}
