package dev.trovekeeper.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trovekeeper.storage.ObjectKey;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArchiveKeysTest {

  private static final UUID DATASET = UUID.fromString("6f1c1d2e-0a4b-4c8d-9e0f-112233445566");
  private static final UUID BACKUP = UUID.fromString("0b6a7c8d-1e2f-4a3b-8c4d-5e6f70819203");
  private static final String SHA = "ab" + "0".repeat(62);

  @Test
  void buildsTheDocumentedLayout() {
    ArchiveId id = new ArchiveId("0123456789abcdef0123456789abcdef", DATASET, BACKUP);

    assertThat(ArchiveKeys.manifest(id).value())
        .isEqualTo(
            "archives/0123456789abcdef0123456789abcdef/"
                + DATASET
                + "/"
                + BACKUP
                + "/manifest.json");
    assertThat(ArchiveKeys.part(id, "line_items", 12, Compression.ZSTD).value())
        .endsWith("/" + BACKUP + "/entities/line_items/part-000012.jsonl.zst");
    assertThat(ArchiveKeys.part(id, "orders", 1, Compression.GZIP).value())
        .endsWith("/entities/orders/part-000001.jsonl.gz");
    assertThat(ArchiveKeys.media("demo-project-a", SHA).value())
        .isEqualTo("media/demo-project-a/sha256/ab/" + SHA);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "..",
        ".",
        "a/b",
        "../etc",
        "proj.ect",
        "-leading-dash",
        "tab\tchar",
        "new\nline",
        "ünïcode",
        "a b",
        "back\\slash",
        "%2e%2e",
        "sixty-five-characters-are-too-many-for-a-project-id-xxxxxxxxxxxxxx"
      })
  void rejectsProjectIdsThatCouldEscapeOrConfuseKeys(String projectId) {
    assertThatThrownBy(() -> new ArchiveId(projectId, DATASET, BACKUP))
        .isInstanceOf(InvalidArchiveIdException.class)
        .hasMessageStartingWith("projectId ");
    assertThatThrownBy(() -> ArchiveKeys.media(projectId, SHA))
        .isInstanceOf(InvalidArchiveIdException.class);
  }

  @Test
  void rejectsNullIds() {
    assertThatThrownBy(() -> new ArchiveId(null, DATASET, BACKUP))
        .isInstanceOf(InvalidArchiveIdException.class);
    assertThatThrownBy(() -> new ArchiveId("p", null, BACKUP))
        .isInstanceOf(NullPointerException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "../../x",
        "products/../../media",
        "a.b",
        "manifest.json",
        "",
        " products",
        "pro ducts",
        "products/",
        "_hidden-start"
      })
  void rejectsEntityNamesThatAreNotPlainNames(String entity) {
    ArchiveId id = new ArchiveId("p", DATASET, BACKUP);

    assertThatThrownBy(() -> ArchiveKeys.part(id, entity, 1, Compression.ZSTD))
        .isInstanceOf(InvalidArchiveIdException.class)
        .hasMessageStartingWith("entity ");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1-1-1-1-1",
        "6F1C1D2E-0A4B-4C8D-9E0F-112233445566",
        "6f1c1d2e0a4b4c8d9e0f112233445566",
        "../6f1c1d2e-0a4b-4c8d-9e0f-112233445566",
        "6f1c1d2e-0a4b-4c8d-9e0f-112233445566/.."
      })
  void rejectsIdsThatAreNotCanonicalUuids(String uuid) {
    assertThatThrownBy(() -> ArchiveId.of("p", uuid, BACKUP.toString()))
        .isInstanceOf(InvalidArchiveIdException.class)
        .hasMessageStartingWith("datasetId ");
    assertThatThrownBy(() -> ArchiveId.of("p", DATASET.toString(), uuid))
        .isInstanceOf(InvalidArchiveIdException.class)
        .hasMessageStartingWith("backupId ");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "abc",
        "AB00",
        "../x",
        "gggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggg"
      })
  void rejectsHashesThatAreNotSha256Hex(String sha) {
    assertThatThrownBy(() -> ArchiveKeys.media("p", sha))
        .isInstanceOf(InvalidArchiveIdException.class)
        .hasMessageStartingWith("sha256 ");
  }

  @Test
  void rejectedValuesAreNotEchoedRaw() {
    assertThatThrownBy(() -> ArchiveKeys.requireEntity("x\u0000\n" + "y".repeat(500)))
        .hasMessageNotContaining("\n")
        .hasMessageNotContaining("y".repeat(100));
  }

  @Test
  void parsesKeysBackOnlyWhenEverySegmentIsValid() {
    ArchiveId id = new ArchiveId("p", DATASET, BACKUP);

    assertThat(ArchiveKeys.archiveOf(ArchiveKeys.manifest(id))).contains(id);
    assertThat(ArchiveKeys.archiveOf(ObjectKey.of("archives/p/not-a-uuid/" + BACKUP + "/x")))
        .isEmpty();
    assertThat(ArchiveKeys.mediaOf(ArchiveKeys.media("p", SHA)).orElseThrow())
        .containsExactly("p", SHA);
    assertThat(ArchiveKeys.mediaOf(ObjectKey.of("media/p/sha256/cd/" + SHA))).isEmpty();
  }
}
