package dev.trovekeeper.testing;

import dev.trovekeeper.archive.ArchiveId;
import dev.trovekeeper.archive.ArchiveKeys;
import dev.trovekeeper.archive.ArchiveSettings;
import dev.trovekeeper.archive.ArchiveWriter;
import dev.trovekeeper.archive.EntityWriter;
import dev.trovekeeper.archive.MediaRef;
import dev.trovekeeper.archive.MediaStore;
import dev.trovekeeper.archive.Origin;
import dev.trovekeeper.inventory.DiscoverySource;
import dev.trovekeeper.inventory.Target;
import dev.trovekeeper.inventory.TargetKind;
import dev.trovekeeper.run.Artifact;
import dev.trovekeeper.run.ArtifactOrigin;
import dev.trovekeeper.run.BackupType;
import dev.trovekeeper.storage.ObjectInfo;
import dev.trovekeeper.storage.ObjectStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Dataset backups as the dataset executor leaves them (issue 9's contract): a {@code DATASET}
 * target whose external id is the dataset UUID, an archive written with {@link ArchiveWriter} under
 * its backup UUID, its media stored with {@link MediaStore}, and a COMPLETED artifact whose
 * external id is the backup UUID and whose location is the manifest key.
 */
public final class DatasetArchives {

  /** The schema a REST source of the one entity writes (a backup's manifest always has one). */
  private static final com.fasterxml.jackson.databind.JsonNode SCHEMA =
      new com.fasterxml.jackson.databind.ObjectMapper()
          .valueToTree(
              new dev.trovekeeper.source.SourceSchema(
                  "REST",
                  List.of(
                      new dev.trovekeeper.source.EntitySchema(
                          "products",
                          List.of("id"),
                          null,
                          List.of(),
                          List.of(),
                          java.util.Map.of())),
                  List.of()));

  private final EntityManager em;
  private final ObjectStore store;
  private final MediaStore media;
  private final ArchiveSettings settings;
  private final Clock clock;

  public DatasetArchives(
      EntityManager em,
      ObjectStore store,
      MediaStore media,
      ArchiveSettings settings,
      Clock clock) {
    this.em = em;
    this.store = store;
    this.media = media;
    this.settings = settings;
    this.clock = clock;
  }

  /** A new dataset target of {@code projectId}. */
  public Target dataset(String projectId) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              Instant now = Instant.now();
              Target target = new Target();
              target.kind = TargetKind.DATASET;
              target.projectId = projectId;
              target.externalId = UUID.randomUUID().toString();
              target.name = "dataset-test";
              target.status = "ACTIVE";
              target.discoveredBy = DiscoverySource.API;
              target.createdAt = now;
              target.updatedAt = now;
              em.persist(target);
              return target;
            });
  }

  /** The archive of one backup of {@code dataset}. */
  public static ArchiveId archiveId(Target dataset, UUID backupId) {
    return new ArchiveId(dataset.projectId, UUID.fromString(dataset.externalId), backupId);
  }

  /**
   * Writes a complete archive (one entity, one part) referencing {@code images}, and records its
   * COMPLETED artifact taken at {@code takenAt}.
   */
  public Artifact backup(Target dataset, Instant takenAt, byte[]... images) {
    UUID backupId = UUID.randomUUID();
    ArchiveId id = archiveId(dataset, backupId);
    try (ArchiveWriter archive = writer(id)) {
      writeEntity(archive);
      for (int i = 0; i < images.length; i++) {
        MediaRef ref =
            media.store(
                dataset.projectId, backupId, new ByteArrayInputStream(images[i]), "image/png");
        archive.media(ref, "https://shop.example/" + i + ".png");
      }
      archive.finish(null);
    }
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              Artifact artifact = new Artifact();
              artifact.targetId = dataset.id;
              artifact.projectId = dataset.projectId;
              artifact.externalId = backupId.toString();
              artifact.backupType = BackupType.FULL;
              artifact.origin = ArtifactOrigin.SCHEDULED;
              artifact.status = "COMPLETED";
              artifact.location = ArchiveKeys.manifest(id).value();
              artifact.createdAt = takenAt;
              artifact.completedAt = takenAt;
              artifact.updatedAt = takenAt;
              em.persist(artifact);
              return artifact;
            });
  }

  /** A complete archive (manifest included) for which no artifact was recorded. */
  public ArchiveId archiveOnly(Target dataset, byte[]... images) {
    UUID backupId = UUID.randomUUID();
    ArchiveId id = archiveId(dataset, backupId);
    try (ArchiveWriter archive = writer(id)) {
      writeEntity(archive);
      for (byte[] image : images) {
        archive.media(
            media.store(dataset.projectId, backupId, new ByteArrayInputStream(image), "image/png"),
            "https://shop.example/only.png");
      }
      archive.finish(null);
    }
    return id;
  }

  /**
   * The leftovers of a backup that never finished (a crash before the manifest): one part and the
   * media references, no manifest, no artifact.
   */
  public ArchiveId unfinished(Target dataset, byte[]... images) {
    UUID backupId = UUID.randomUUID();
    ArchiveId id = archiveId(dataset, backupId);
    ArchiveWriter archive = writer(id);
    writeEntity(archive);
    for (byte[] image : images) {
      media.store(dataset.projectId, backupId, new ByteArrayInputStream(image), "image/png");
    }
    // never finished nor closed: closing would delete the parts, as a crash does not
    return id;
  }

  /** Keys of every object of an archive still in the store. */
  public List<String> objects(ArchiveId id) {
    try (Stream<ObjectInfo> listing = store.list(ArchiveKeys.backupPrefix(id))) {
      return listing.map(o -> o.key().value()).sorted().toList();
    }
  }

  /** Media references a backup holds. */
  public long references(UUID backupId) {
    return Db.read(
        () ->
            ((Number)
                    em.createNativeQuery(
                            "SELECT COUNT(*) FROM media_references WHERE backup_id = ?1")
                        .setParameter(1, backupId.toString())
                        .getSingleResult())
                .longValue());
  }

  /** The status of a project's media row ({@code PRESENT}, {@code DELETING}), or null if none. */
  public String mediaStatus(String projectId, String sha256) {
    List<?> rows =
        Db.read(
            () ->
                em.createNativeQuery(
                        "SELECT status FROM media_objects WHERE project_id = ?1 AND sha256 = ?2")
                    .setParameter(1, projectId)
                    .setParameter(2, sha256)
                    .getResultList());
    return rows.isEmpty() ? null : String.valueOf(rows.get(0));
  }

  /** Test content no other test has (about 2 KB). */
  public static byte[] image(String label) {
    return ("image " + label + " " + UUID.randomUUID()).repeat(40).getBytes(StandardCharsets.UTF_8);
  }

  /** The content's SHA-256 as lower-case hex, as media are keyed. */
  public static String sha256(byte[] content) {
    try {
      return java.util.HexFormat.of()
          .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private ArchiveWriter writer(ArchiveId id) {
    return ArchiveWriter.start(
        store, settings, clock, id, new ArchiveWriter.Header("REST", Origin.AUTO, SCHEMA));
  }

  private static void writeEntity(ArchiveWriter archive) {
    try (EntityWriter products = archive.entity("products")) {
      products.write("{\"id\":1,\"name\":\"mug\"}".getBytes(StandardCharsets.UTF_8));
    }
  }
}
