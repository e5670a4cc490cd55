package dev.trovekeeper.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trovekeeper.storage.FilesystemObjectStore;
import dev.trovekeeper.storage.ObjectKey;
import dev.trovekeeper.storage.StorageException;
import dev.trovekeeper.testing.MutableClock;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Content-addressed media on a real MariaDB and the filesystem store. */
class MediaStoreTest {

  private static final String PROJECT = "demo-project-a";
  private static final Duration GRACE = Duration.ofHours(48);

  private static DataSource dataSource;

  @TempDir Path temp;

  private CountingObjectStore store;
  private MutableClock clock;
  private ArchiveSettings settings;
  private MediaStore media;
  private MediaGarbageCollector collector;

  @BeforeAll
  static void database() {
    dataSource = MediaDatabase.create();
  }

  @BeforeEach
  void setUp() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.createStatement().execute("DELETE FROM media_references");
      c.createStatement().execute("DELETE FROM media_objects");
    }
    store = new CountingObjectStore(new FilesystemObjectStore(temp.resolve("objects")));
    clock = new MutableClock(Instant.now());
    settings =
        ArchiveSettings.defaults()
            .withTempDir(temp.resolve("staging"))
            .withPartSize(16 * 1024)
            .withGraces(GRACE, GRACE);
    media = new MediaStore(store, dataSource, settings, clock);
    collector = new MediaGarbageCollector(store, dataSource, settings, clock);
  }

  static byte[] content(int seed, int size) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private Manifest backup(UUID backupId, List<byte[]> images) {
    ArchiveId id = new ArchiveId(PROJECT, new UUID(0, 1), backupId);
    try (ArchiveWriter archive =
        ArchiveWriter.start(
            store, settings, clock, id, new ArchiveWriter.Header("REST", Origin.AUTO, null))) {
      try (EntityWriter products = archive.entity("products")) {
        for (int i = 0; i < images.size(); i++) {
          String url = "https://shop.example/img/" + i + ".jpg";
          products.write(("{\"id\":" + i + ",\"image\":\"" + url + "\"}").getBytes());
          MediaRef ref =
              media.store(PROJECT, backupId, new ByteArrayInputStream(images.get(i)), "image/jpeg");
          archive.media(ref, url);
        }
      }
      return archive.finish(null);
    }
  }

  @Test
  void secondBackupOfUnchangedMediaUploadsZeroMediaBytes() {
    List<byte[]> images = List.of(content(1, 300_000), content(2, 150_000), content(3, 1));

    Manifest first = backup(UUID.randomUUID(), images);
    long afterFirst = store.uploadedBytes(ArchiveKeys.MEDIA);
    Manifest second = backup(UUID.randomUUID(), images);

    assertThat(afterFirst).isEqualTo(450_001);
    assertThat(store.uploadedBytes(ArchiveKeys.MEDIA)).isEqualTo(afterFirst);
    assertThat(second.media())
        .extracting(Manifest.Media::sha256)
        .containsExactlyElementsOf(first.media().stream().map(Manifest.Media::sha256).toList());
    assertThat(new ArchiveVerifier(store).verify(ArchiveKeys.ARCHIVES).problems()).isEmpty();
    assertThat(new ArchiveVerifier(store).verify(ArchiveKeys.ARCHIVES).media()).isEqualTo(6);
  }

  @Test
  void sameContentInAnotherProjectIsStoredForThatProject() {
    byte[] image = content(7, 1000);
    MediaRef a = media.store(PROJECT, UUID.randomUUID(), new ByteArrayInputStream(image), "x/y");
    MediaRef b =
        media.store("other-project", UUID.randomUUID(), new ByteArrayInputStream(image), "x/y");

    assertThat(a.uploaded()).isTrue();
    assertThat(b.uploaded()).isTrue();
    assertThat(a.key()).isNotEqualTo(b.key());
    assertThat(a.sha256()).isEqualTo(b.sha256());
  }

  @Test
  void unreferencedMediaIsMarkedThenDeletedAfterTheGraceObjectFirstThenRow() throws SQLException {
    UUID b1 = UUID.randomUUID();
    UUID b2 = UUID.randomUUID();
    MediaRef ref = media.store(PROJECT, b1, new ByteArrayInputStream(content(1, 5000)), "x/y");
    media.store(PROJECT, b2, new ByteArrayInputStream(content(1, 5000)), "x/y");

    media.release(b1);
    assertThat(collector.collect().marked()).isZero(); // b2 still references it
    media.release(b2);
    assertThat(collector.collect().marked()).isEqualTo(1);
    assertThat(status(ref.sha256())).isEqualTo("DELETING");
    clock.advance(GRACE.minusMinutes(1));
    assertThat(collector.collect().deleted()).isZero();
    assertThat(store.exists(ref.key())).isTrue();

    clock.advance(Duration.ofMinutes(2));
    assertThat(collector.collect().deleted()).isEqualTo(1);
    assertThat(store.exists(ref.key())).isFalse();
    assertThat(status(ref.sha256())).isNull();
  }

  @Test
  void dedupIgnoresDeletingMediaUploadsItAgainAndTheCollectorLetsItLive() throws SQLException {
    byte[] image = content(4, 20_000);
    UUID old = UUID.randomUUID();
    media.store(PROJECT, old, new ByteArrayInputStream(image), "x/y");
    media.release(old);
    collector.mark();
    long before = store.uploadedBytes(ArchiveKeys.MEDIA);

    MediaRef again =
        media.store(PROJECT, UUID.randomUUID(), new ByteArrayInputStream(image), "x/y");
    clock.advance(GRACE.plusHours(1));
    MediaGarbageCollector.Pass pass = collector.collect();

    assertThat(again.uploaded()).isTrue();
    assertThat(store.uploadedBytes(ArchiveKeys.MEDIA) - before).isEqualTo(20_000);
    assertThat(status(again.sha256())).isEqualTo("PRESENT");
    assertThat(pass.deleted()).isZero();
    assertThat(store.exists(again.key())).isTrue();
  }

  @Test
  void whenDeletingTheObjectFailsTheRowStaysAndANextPassFinishes() throws SQLException {
    UUID b = UUID.randomUUID();
    MediaRef ref = media.store(PROJECT, b, new ByteArrayInputStream(content(5, 100)), "x/y");
    media.release(b);
    collector.mark();
    clock.advance(GRACE.plusHours(1));
    FilesystemObjectStore real = new FilesystemObjectStore(temp.resolve("objects"));
    CountingObjectStore failingDeletes =
        new CountingObjectStore(real) {
          @Override
          public void delete(ObjectKey key) {
            throw new StorageException("store down", true, "test", key, null);
          }
        };

    assertThat(
            new MediaGarbageCollector(failingDeletes, dataSource, settings, clock)
                .collect()
                .deleted())
        .isZero();
    assertThat(status(ref.sha256())).isEqualTo("DELETING");
    assertThat(store.exists(ref.key())).isTrue();
    assertThat(collector.collect().deleted()).isEqualTo(1);
    assertThat(status(ref.sha256())).isNull();
  }

  @Test
  void untrackedMediaObjectsLeftByACrashAreCollectedThroughTheSameProtocol() throws SQLException {
    byte[] image = content(6, 3000);
    String sha;
    try (InputStream in = new ByteArrayInputStream(image)) {
      sha = Sha256.copy(in, null).sha256();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    ObjectKey key = ArchiveKeys.media(PROJECT, sha);
    store.put(key, new ByteArrayInputStream(image), image.length, "x/y"); // crash before the row

    assertThat(collector.adoptUntracked()).isZero(); // younger than the grace period
    clock.advance(GRACE.plusHours(1));
    assertThat(collector.adoptUntracked()).isEqualTo(1);
    assertThat(status(sha)).isEqualTo("DELETING");
    clock.advance(GRACE.plusHours(1));
    assertThat(collector.collect().deleted()).isEqualTo(1);
    assertThat(store.exists(key)).isFalse();
  }

  @Test
  void databaseRefusesToDropARowABackupStillReferences() {
    MediaRef ref =
        media.store(PROJECT, UUID.randomUUID(), new ByteArrayInputStream(content(8, 10)), "x/y");

    assertThatThrownBy(
            () -> {
              try (Connection c = dataSource.getConnection();
                  PreparedStatement s =
                      c.prepareStatement("DELETE FROM media_objects WHERE sha256 = ?")) {
                s.setString(1, ref.sha256());
                s.executeUpdate();
              }
            })
        .isInstanceOf(SQLException.class);
  }

  static String status(String sha256) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT status FROM media_objects WHERE sha256 = ?")) {
      s.setString(1, sha256);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? r.getString(1) : null;
      }
    }
  }
}
