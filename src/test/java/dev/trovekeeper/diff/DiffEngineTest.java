package dev.trovekeeper.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.flipkart.zjsonpatch.JsonPatch;
import dev.trovekeeper.source.EntitySchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The diff engine on its own: both sides in any order, sorted on disk in small runs, merged by id
 * into exactly the objects added, changed (with a patch that turns the base into the other) and
 * removed.
 */
class DiffEngineTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  record Change(String entity, String id, ChangeKind kind, JsonNode patch) {}

  @Test
  void findsExactlyTheObjectsAddedChangedAndRemovedAcrossSortedRunsOnDisk() throws Exception {
    Random random = new Random(7);
    Map<Long, ObjectNode> base = new LinkedHashMap<>();
    for (long id = 1; id <= 3_000; id++) {
      base.put(id, product(id, "Product " + id, random.nextInt(1000)));
    }
    Map<Long, ObjectNode> other = new LinkedHashMap<>();
    base.forEach((id, r) -> other.put(id, r.deepCopy()));
    List<Long> ids = new ArrayList<>(base.keySet());
    Collections.shuffle(ids, random);
    List<Long> changed = ids.subList(0, 50);
    List<Long> removed = ids.subList(50, 60);
    changed.forEach(id -> other.get(id).put("title", "changed " + id).putArray("tags").add("x"));
    removed.forEach(other::remove);
    for (long id = 5_001; id <= 5_020; id++) {
      other.put(id, product(id, "new " + id, 1));
    }

    List<Change> changes = new ArrayList<>();
    // 4 KB runs: each side is written to disk in hundreds of sorted runs, then merged
    try (DiffSide b = side(shuffled(base, random), 4_096);
        DiffSide o = side(shuffled(other, random), 4_096)) {
      assertThat(files()).hasSizeGreaterThan(100);
      Map<String, DiffMerge.Counts> counts =
          DiffEngine.compare(b, o, (e, id, k, p) -> changes.add(new Change(e, id, k, p)), () -> {});
      DiffMerge.Counts c = counts.get("products");
      assertThat(c.added).isEqualTo(20);
      assertThat(c.changed).isEqualTo(50);
      assertThat(c.removed).isEqualTo(10);
      assertThat(c.unchanged).isEqualTo(3_000 - 60);
    }
    assertThat(files()).as("sorted runs deleted on close").isEmpty();

    assertThat(ids(changes, ChangeKind.CHANGED))
        .containsExactlyInAnyOrderElementsOf(changed.stream().map(String::valueOf).toList());
    assertThat(ids(changes, ChangeKind.REMOVED))
        .containsExactlyInAnyOrderElementsOf(removed.stream().map(String::valueOf).toList());
    assertThat(ids(changes, ChangeKind.ADDED))
        .containsExactlyElementsOf(
            java.util.stream.LongStream.rangeClosed(5_001, 5_020)
                .mapToObj(String::valueOf)
                .toList());
    for (Change change : changes) {
      if (change.kind() == ChangeKind.CHANGED) {
        long id = Long.parseLong(change.id());
        assertThat(JsonPatch.apply(change.patch(), base.get(id))).isEqualTo(other.get(id));
        assertThat(change.patch().toString()).contains("\"op\":\"replace\"", "\"op\":\"add\"");
      } else {
        assertThat(change.patch()).isNull();
      }
    }
    // comparison order: ids numerically
    List<Long> order = changes.stream().map(c -> Long.parseLong(c.id())).toList();
    assertThat(order).isSorted();
  }

  @Test
  void identicalSidesHaveNoChangeAndAnEntityOnOneSideIsAllAddedOrRemoved() throws Exception {
    Map<Long, ObjectNode> records = new LinkedHashMap<>();
    for (long id = 1; id <= 100; id++) {
      records.put(id, product(id, "p" + id, (int) id));
    }
    List<Change> changes = new ArrayList<>();
    try (DiffSide b = side(records.values(), 1_000);
        DiffSide o = side(records.values(), 1_000)) {
      DiffEngine.compare(b, o, (e, id, k, p) -> changes.add(new Change(e, id, k, p)), () -> {});
    }
    assertThat(changes).isEmpty();

    try (DiffSide b =
            DiffSide.read(
                sink -> {
                  feed(sink, "orders", List.of("id"), List.of(product(1, "o", 1)));
                  feed(sink, "products", List.of("id"), records.values());
                },
                dir,
                1_000,
                quiet());
        DiffSide o =
            DiffSide.read(
                sink -> {
                  feed(sink, "products", List.of("id"), records.values());
                  feed(sink, "tags", List.of("id"), List.of(product(9, "t", 1)));
                },
                dir,
                1_000,
                quiet())) {
      Map<String, DiffMerge.Counts> counts =
          DiffEngine.compare(b, o, (e, id, k, p) -> changes.add(new Change(e, id, k, p)), () -> {});
      assertThat(counts.keySet()).containsExactly("orders", "products", "tags");
    }
    assertThat(changes)
        .extracting(Change::entity, Change::id, Change::kind)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("orders", "1", ChangeKind.REMOVED),
            org.assertj.core.groups.Tuple.tuple("tags", "9", ChangeKind.ADDED));
  }

  @Test
  void compositeKeysAndTextIdsAreKeyedAndOrderedTheSameOnBothSides() {
    ObjectNode row =
        JSON.createObjectNode().put("tenant_id", "acme").put("order_id", 7).put("line_no", 2);
    assertThat(RecordKeys.of(row, List.of("order_id", "line_no"))).isEqualTo("[7,2]");
    assertThat(RecordKeys.of(JSON.createObjectNode().put("id", "gid://p/1"), List.of("id")))
        .isEqualTo("gid://p/1");
    List<String> keys = new ArrayList<>(List.of("b", "10", "9", "a", "-1", "010"));
    keys.sort(RecordKeys.ORDER);
    assertThat(keys).containsExactly("-1", "9", "10", "010", "a", "b");
  }

  private DiffSide side(Iterable<ObjectNode> records, long chunk) throws InterruptedException {
    return DiffSide.read(
        sink -> feed(sink, "products", List.of("id"), records), dir, chunk, quiet());
  }

  private static void feed(
      dev.trovekeeper.source.RecordSink sink,
      String entity,
      List<String> idFields,
      Iterable<ObjectNode> records) {
    sink.entityStart(new EntitySchema(entity, idFields, null, List.of(), List.of(), Map.of()));
    long n = 0;
    for (ObjectNode r : records) {
      sink.record(r);
      n++;
    }
    sink.entityEnd(entity, n);
  }

  private static List<ObjectNode> shuffled(Map<Long, ObjectNode> records, Random random) {
    List<ObjectNode> list = new ArrayList<>(records.values());
    Collections.shuffle(list, random);
    return list;
  }

  private static ObjectNode product(long id, String title, int price) {
    ObjectNode node = JSON.createObjectNode().put("id", id).put("title", title).put("price", price);
    node.putArray("images").addObject().put("src", "https://shop.example/p" + id + ".jpg");
    return node;
  }

  private static List<String> ids(List<Change> changes, ChangeKind kind) {
    return changes.stream().filter(c -> c.kind() == kind).map(Change::id).toList();
  }

  private List<Path> files() throws java.io.IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.toList();
    }
  }

  private static DiffSide.Listener quiet() {
    return new DiffSide.Listener() {
      @Override
      public void entity(String name) {}

      @Override
      public void record() {}
    };
  }
}
