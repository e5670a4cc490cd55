package dev.trovekeeper.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ObjectStore} adapter must have, run against each adapter on a real
 * server: one subclass per adapter (filesystem, S3 on s3proxy, OpenStack Swift). Large objects go
 * through the adapter's multipart path (S3 multipart upload, Swift static large object), since the
 * subclasses configure parts or segments smaller than the objects here.
 */
abstract class ObjectStoreContractTest {

  private static final long MIB = 1024 * 1024;

  /** The store under test; tests isolate themselves under a unique prefix. */
  protected abstract ObjectStore store();

  /**
   * A store of the same kind that cannot be used: wrong credentials (for the filesystem, which has
   * none, a root it cannot create). The caller closes it.
   */
  protected abstract ObjectStore storeWithWrongCredentials();

  /** The secret that {@link #storeWithWrongCredentials()} was given, never to appear in errors. */
  protected abstract String wrongSecret();

  private String ns;

  @BeforeEach
  void uniquePrefix() {
    ns = "contract-" + UUID.randomUUID();
  }

  private ObjectKey key(String relative) {
    return ObjectKey.of(ns + "/" + relative);
  }

  private void putText(ObjectKey key, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    store().put(key, new ByteArrayInputStream(bytes), bytes.length, "text/plain");
  }

  private String getText(ObjectKey key) throws IOException {
    try (InputStream in = store().get(key)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void putThenGetReturnsTheSameBytes() throws IOException {
    putText(key("a/b/hello.txt"), "hello, object");

    assertThat(getText(key("a/b/hello.txt"))).isEqualTo("hello, object");
  }

  @Test
  void putOfUnknownLengthStoresTheWholeStream() throws IOException {
    byte[] bytes = "no length given".getBytes(StandardCharsets.UTF_8);
    store()
        .put(
            key("unknown.txt"),
            new ByteArrayInputStream(bytes),
            ObjectStore.UNKNOWN_LENGTH,
            "text/plain");

    assertThat(getText(key("unknown.txt"))).isEqualTo("no length given");
  }

  @Test
  void emptyObjectsAreStored() throws IOException {
    store().put(key("empty/known"), new ByteArrayInputStream(new byte[0]), 0, "text/plain");
    store()
        .put(
            key("empty/unknown"),
            new ByteArrayInputStream(new byte[0]),
            ObjectStore.UNKNOWN_LENGTH,
            "text/plain");

    assertThat(getText(key("empty/known"))).isEmpty();
    assertThat(getText(key("empty/unknown"))).isEmpty();
    assertThat(store().stat(key("empty/unknown")))
        .hasValueSatisfying(info -> assertThat(info.size()).isZero());
  }

  @Test
  void putReplacesAnExistingObject() throws IOException {
    putText(key("doc"), "first version, longer");
    putText(key("doc"), "second");

    assertThat(getText(key("doc"))).isEqualTo("second");
    assertThat(store().stat(key("doc"))).hasValueSatisfying(i -> assertThat(i.size()).isEqualTo(6));
  }

  @Test
  void statReportsSizeAndModificationTime() {
    Instant before = Instant.now().minus(Duration.ofMinutes(1));
    putText(key("stat/me"), "12345");

    assertThat(store().stat(key("stat/me")))
        .hasValueSatisfying(
            info -> {
              assertThat(info.key()).isEqualTo(key("stat/me"));
              assertThat(info.size()).isEqualTo(5);
              assertThat(info.lastModified()).isBetween(before, Instant.now().plusSeconds(60));
            });
    assertThat(store().exists(key("stat/me"))).isTrue();
  }

  @Test
  void missingObjectIsEmptyOrNotFound() {
    assertThat(store().stat(key("nothing/here"))).isEmpty();
    assertThat(store().exists(key("nothing/here"))).isFalse();
    assertThatThrownBy(() -> store().get(key("nothing/here")))
        .isInstanceOf(ObjectNotFoundException.class)
        .hasMessageContaining(key("nothing/here").value())
        .satisfies(e -> assertThat(((StorageException) e).isTransient()).isFalse());
  }

  @Test
  void deleteIsIdempotent() {
    putText(key("gone"), "x");

    store().delete(key("gone"));
    store().delete(key("gone"));
    store().delete(key("never/existed"));

    assertThat(store().exists(key("gone"))).isFalse();
  }

  @Test
  void listReturnsEveryObjectUnderThePrefixAcrossPages() {
    int many = 250;
    IntStream.range(0, many).forEach(i -> putText(key("list/a/item-" + i), "v" + i));
    IntStream.range(0, 3).forEach(i -> putText(key("list/b/item-" + i), "w"));
    putText(key("listing-sibling"), "s");

    assertThat(keys(ns + "/list/a/")).hasSize(many).contains(key("list/a/item-249").value());
    assertThat(keys(ns + "/list/")).hasSize(many + 3);
    assertThat(keys(ns + "/list")).hasSize(many + 4);
    assertThat(keys(ns + "/list/a/item-24")).hasSize(11); // item-24 and item-240..249
    assertThat(keys(ns + "/missing/")).isEmpty();
    try (Stream<ObjectInfo> listed = store().list(ns + "/list/b/")) {
      assertThat(listed).allSatisfy(info -> assertThat(info.size()).isEqualTo(1));
    }
  }

  private List<String> keys(String prefix) {
    try (Stream<ObjectInfo> listed = store().list(prefix)) {
      return listed.map(info -> info.key().value()).toList();
    }
  }

  @Test
  void largeObjectsAreStreamedBothWays() throws Exception {
    long size = 40 * MIB + 12345;
    String sent = putGenerated(key("large/known.bin"), size, size);

    assertThat(store().stat(key("large/known.bin")))
        .hasValueSatisfying(info -> assertThat(info.size()).isEqualTo(size));
    assertThat(sha256Of(key("large/known.bin"))).isEqualTo(sent);
    try (Stream<ObjectInfo> listed = store().list(ns + "/large/")) {
      assertThat(listed.toList())
          .singleElement()
          .satisfies(info -> assertThat(info.size()).isEqualTo(size));
    }
  }

  @Test
  void largeObjectIsReplacedAndDeletedWhole() throws Exception {
    ObjectKey key = key("large/replaced.bin");
    putGenerated(key, 20 * MIB + 3, ObjectStore.UNKNOWN_LENGTH);
    putText(key, "small now");

    assertThat(getText(key)).isEqualTo("small now");

    String again = putGenerated(key, 18 * MIB + 1, 18 * MIB + 1);
    assertThat(sha256Of(key)).isEqualTo(again);
    store().delete(key);
    store().delete(key);

    assertThat(store().exists(key)).isFalse();
    assertThatThrownBy(() -> store().get(key)).isInstanceOf(ObjectNotFoundException.class);
  }

  @Test
  void streamingALargeObjectDoesNotGrowTheHeap() throws Exception {
    long size = 96 * MIB;
    ObjectKey key = key("large/heap.bin");
    long before = usedHeapAfterGc();

    HeapProbe upload = new HeapProbe(new GeneratedContent(size, 7), size);
    store().put(key, upload, ObjectStore.UNKNOWN_LENGTH, "application/octet-stream");
    HeapProbe download;
    try (InputStream in = store().get(key)) {
      download = new HeapProbe(in, size);
      download.transferTo(OutputStream.nullOutputStream());
    }

    // a copy of the object held anywhere would keep at least 3/4 of it alive at the probe
    assertThat(upload.growthOver(before)).isLessThan(size / 2);
    assertThat(download.growthOver(before)).isLessThan(size / 2);
    assertThat(download.count()).isEqualTo(size);
  }

  private static long usedHeapAfterGc() {
    System.gc();
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** Measures the live heap (after a full GC) when 3/4 of the stream has passed. */
  private static final class HeapProbe extends FilterInputStream {
    private final long probeAt;
    private long count;
    private long usedAtProbe = -1;

    HeapProbe(InputStream in, long size) {
      super(in);
      this.probeAt = size * 3 / 4;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        count += n;
        if (usedAtProbe < 0 && count >= probeAt) {
          usedAtProbe = usedHeapAfterGc();
        }
      }
      return n;
    }

    long count() {
      return count;
    }

    long growthOver(long baseline) {
      assertThat(usedAtProbe).as("the probe point was reached").isPositive();
      return usedAtProbe - baseline;
    }
  }

  @Test
  void wrongCredentialsFailWithoutRevealingThem() {
    try (ObjectStore wrong = storeWithWrongCredentials()) {
      assertThatThrownBy(wrong::checkReachable)
          .isInstanceOfSatisfying(
              StorageException.class, e -> assertThat(e.isTransient()).isFalse())
          .hasMessageNotContaining(wrongSecret());
      assertThatThrownBy(
              () ->
                  wrong.put(
                      key("denied"), new ByteArrayInputStream(new byte[] {1}), 1, "text/plain"))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining(key("denied").value())
          .hasMessageNotContaining(wrongSecret());
    }
    assertThat(store().exists(key("denied"))).isFalse();
  }

  @Test
  void largeObjectsOfUnknownLengthAreStreamed() throws Exception {
    long size = 20 * MIB + 7;
    String sent = putGenerated(key("large/unknown.bin"), size, ObjectStore.UNKNOWN_LENGTH);

    assertThat(store().stat(key("large/unknown.bin")))
        .hasValueSatisfying(info -> assertThat(info.size()).isEqualTo(size));
    assertThat(sha256Of(key("large/unknown.bin"))).isEqualTo(sent);
  }

  private String putGenerated(ObjectKey key, long size, long declaredLength) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (InputStream in = new DigestInputStream(new GeneratedContent(size, size), digest)) {
      store().put(key, in, declaredLength, "application/octet-stream");
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private String sha256Of(ObjectKey key) throws IOException, NoSuchAlgorithmException {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (InputStream in = new DigestInputStream(store().get(key), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  @Test
  void invalidKeysAndPrefixesAreRejected() {
    assertThatThrownBy(() -> store().list("../"))
        .isInstanceOf(InvalidObjectKeyException.class)
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store().list("/etc")).isInstanceOf(InvalidObjectKeyException.class);
    assertThatThrownBy(() -> key("../../etc/passwd")).isInstanceOf(InvalidObjectKeyException.class);
  }

  @Test
  void storeIsReachable() {
    store().checkReachable();

    assertThat(store().kind()).isIn("filesystem", "s3", "swift");
    assertThat(store().location()).isNotBlank();
  }
}
